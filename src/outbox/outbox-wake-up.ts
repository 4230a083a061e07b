import { Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CoalescedRun } from '../common/scheduling/coalesced-run';
import { OutboxRepository } from './outbox.repository';

/** The PostgreSQL channel on which committed events wake the dispatchers of other processes. */
export const OUTBOX_CHANNEL = 'safravo_outbox';
/** How long the listener waits before it connects again after losing its connection. */
const RECONNECT_MS = 1000;

/**
 * Wakes dispatchers in other processes when events commit, through PostgreSQL's LISTEN/NOTIFY:
 * a process that writes events without delivering them (the API with OUTBOX_DISPATCH=false)
 * notifies after its commits, a process that delivers them (`npm run worker`) listens and claims
 * at once instead of at its next poll. Only a hint: the poll (OUTBOX_POLL_MS) still finds
 * everything, so a lost notification (the listener reconnecting) costs latency, never an event.
 *
 * Notifications are sent after the commit, outside the transaction (a NOTIFY inside it would
 * serialise every committing transaction on PostgreSQL's notification lock), and coalesced: one
 * in flight at a time, and one more after it when commits came meanwhile.
 */
@Injectable()
export class OutboxWakeUp {
  private readonly logger = new Logger(OutboxWakeUp.name);
  private readonly notifications = new CoalescedRun(
    () => this.outbox.notify(OUTBOX_CHANNEL),
    (error: unknown) => this.logger.debug(`Outbox notification failed: ${String(error)}`),
  );
  private client?: Client;
  private listening = false;
  private reconnect?: NodeJS.Timeout;
  private failing = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** Tells listening dispatchers that events are due (coalesced; never waits, never throws). */
  notify(): void {
    this.notifications.kick();
  }

  /** Calls `onWake` whenever another process notifies; keeps listening until `close`. */
  listen(onWake: () => void): void {
    this.listening = true;
    void this.connect(onWake);
  }

  private async connect(onWake: () => void): Promise<void> {
    const { url } = this.dataSource.options as { url?: string };
    const client = new Client({
      connectionString: url,
      application_name: 'safravo-contacts-listener',
      keepAlive: true,
    });
    this.client = client;
    const retry = (error: unknown) => {
      client.removeAllListeners();
      void client.end().catch(() => undefined);
      if (!this.listening || this.client !== client) return;
      if (!this.failing) {
        this.logger.warn(
          `Not listening for committed events (${String(error)}): delivering on the poll until the connection is back`,
        );
      }
      this.failing = true;
      this.reconnect = setTimeout(() => void this.connect(onWake), RECONNECT_MS);
      this.reconnect.unref();
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('the connection ended')));
    client.on('notification', () => onWake());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.failing) this.logger.log('Listening for committed events again');
      this.failing = false;
      // Events committed while the listener was away: deliver them now.
      onWake();
    } catch (error) {
      retry(error);
    }
  }

  /** Stops listening, and waits for a notification in flight (before the pool closes). */
  async close(): Promise<void> {
    this.listening = false;
    clearTimeout(this.reconnect);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
    await this.notifications.current;
  }
}
