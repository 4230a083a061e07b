import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CoalescedRun } from '../common/scheduling/coalesced-run';
import { AppConfig } from '../config/app-config';
import { deliveryChannel } from './outbox-consumer.decorator';
import { OutboxConsumerRegistry } from './outbox-consumer.registry';
import { type ClaimedDelivery, OutboxRepository } from './outbox.repository';

/** Deliveries claimed per statement (a contact's events to one consumer stay in order within it). */
const BATCH_SIZE = 500;
/** How often an instance deletes delivered events past OUTBOX_RETENTION_DAYS. */
const PURGE_EVERY_MS = 10 * 60_000;
/** Events deleted per statement (short transactions), and statements per purge. */
const PURGE_BATCH = 5000;
const PURGE_BATCHES_MAX = 20;

/**
 * Delivers outbox events to their consumers (the `@OnOutboxEvent` listeners on
 * `@nestjs/event-emitter`), at least once. Kicked right after each commit, with polling as the
 * safety net (events of another instance, retries, a restart after a crash).
 *
 * Several instances share the work: a batch is claimed with `FOR UPDATE SKIP LOCKED` and leased
 * for OUTBOX_LEASE_MS, so each delivery is normally made once; a lease that runs out (the
 * instance died) makes it due again. A failing consumer is retried with exponential backoff and
 * parked as `failed` after OUTBOX_MAX_ATTEMPTS, without holding up the other consumers.
 *
 * A consumer gets OUTBOX_DELIVERY_TIMEOUT_MS (at most the lease) to settle: one that does not
 * counts as a failed attempt, so a hung consumer holds up neither the other deliveries nor
 * shutdown. A result is recorded only while the claim still holds the row (its token: the
 * attempt count and lease end the claim set); a result that comes after the lease ran out and
 * another instance claimed the row is dropped, so it cannot reopen or release that claim's row.
 *
 * It also keeps the outbox from growing forever: every PURGE_EVERY_MS it deletes events older
 * than OUTBOX_RETENTION_DAYS whose every delivery is done (their deliveries go with them).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private timer?: NodeJS.Timeout;
  private purgeTimer?: NodeJS.Timeout;
  private purging: Promise<number> | null = null;
  private readonly runs = new CoalescedRun(
    () => this.drain(),
    (error: unknown) => this.logger.warn(`Outbox dispatch failed: ${String(error)}`),
  );
  private stopped = true;
  /** Set on shutdown: a purge in progress stops after its current batch. */
  private shuttingDown = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly emitter: EventEmitter2,
    private readonly config: AppConfig,
    private readonly consumers: OutboxConsumerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.OUTBOX_DISPATCH) return;
    if (this.config.OUTBOX_DELIVERY_TIMEOUT_MS > this.config.OUTBOX_LEASE_MS) {
      this.logger.warn(
        `OUTBOX_DELIVERY_TIMEOUT_MS (${this.config.OUTBOX_DELIVERY_TIMEOUT_MS}) is above OUTBOX_LEASE_MS ` +
          `(${this.config.OUTBOX_LEASE_MS}): deliveries time out after ${this.deliveryTimeoutMs} ms`,
      );
    }
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.config.OUTBOX_POLL_MS);
    this.timer.unref();
    if (this.config.OUTBOX_RETENTION_DAYS > 0) {
      this.purgeTimer = setInterval(() => {
        this.purging ??= this.purge()
          .catch((error: unknown) => {
            this.logger.warn(`Outbox purge failed: ${String(error)}`);
            return 0;
          })
          .finally(() => (this.purging = null));
      }, PURGE_EVERY_MS);
      this.purgeTimer.unref();
    }
    this.kick();
  }

  /**
   * Stops taking new work and waits for the deliveries in flight (each settles or times out
   * within OUTBOX_DELIVERY_TIMEOUT_MS); the rest of the batch is given back. Called before the
   * pool closes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.shuttingDown = true;
    clearInterval(this.timer);
    clearInterval(this.purgeTimer);
    await Promise.all([this.runs.current, this.purging]);
  }

  /**
   * Deletes events older than OUTBOX_RETENTION_DAYS whose deliveries are all delivered, oldest
   * first, in short batches that skip rows another instance is purging; events with a pending or
   * parked delivery stay (`events:failed` must still show them). Returns how many were deleted.
   */
  async purge(): Promise<number> {
    const days = this.config.OUTBOX_RETENTION_DAYS;
    if (days === 0) return 0;
    let deleted = 0;
    for (let batch = 0; batch < PURGE_BATCHES_MAX && !this.shuttingDown; batch++) {
      const count = await this.outbox.purgeDelivered(days, PURGE_BATCH);
      deleted += count;
      if (count < PURGE_BATCH) break;
    }
    if (deleted > 0) {
      this.logger.log(`Purged ${deleted} delivered outbox events older than ${days} days`);
    }
    return deleted;
  }

  /** Delivers what is due now; a kick while a run is going makes it run once more. */
  kick(): void {
    if (!this.stopped) this.runs.kick();
  }

  /**
   * Delivers until nothing is due (or, once shutting down, after the batch in hand: its
   * deliveries not started are given back, and claiming them again would go round in circles).
   * Also callable directly, e.g. by tests that need the outbox drained now.
   */
  async drain(): Promise<void> {
    while (!this.shuttingDown) {
      const batch = await this.claim();
      if (batch.length === 0) return;
      await this.deliverAll(batch);
    }
  }

  private async claim(): Promise<ClaimedDelivery[]> {
    // Only the deliveries of consumers this process has: during a rolling deploy (a consumer
    // added by the new version) or with settings that differ (NATS_URL on some instances only),
    // an instance leaves the others' deliveries to the instances that can make them.
    const rows = await this.outbox.claim(
      this.config.OUTBOX_LEASE_MS,
      BATCH_SIZE,
      this.consumers.orderedConsumers(),
      this.consumers.allConsumers(),
    );
    // A contact's events in order within a batch (consumers read current state anyway).
    return rows.sort((a, b) => a.sequence - b.sequence);
  }

  /** How long a consumer may take: OUTBOX_DELIVERY_TIMEOUT_MS, never more than the lease. */
  private get deliveryTimeoutMs(): number {
    return Math.min(this.config.OUTBOX_DELIVERY_TIMEOUT_MS, this.config.OUTBOX_LEASE_MS);
  }

  /**
   * Runs the batch's deliveries OUTBOX_CONCURRENCY at a time, keeping each aggregate's
   * deliveries to one consumer in order, and records the successes in one statement. Once the
   * instance is shutting down, deliveries not started yet are given back instead.
   */
  private async deliverAll(batch: ClaimedDelivery[]): Promise<void> {
    const lanes = new Map<string, ClaimedDelivery[]>();
    for (const delivery of batch) {
      const lane = `${delivery.consumer}:${String(delivery.payload.aggregateId)}`;
      lanes.set(lane, [...(lanes.get(lane) ?? []), delivery]);
    }
    const queue = [...lanes.values()];
    const delivered: ClaimedDelivery[] = [];
    const unstarted: ClaimedDelivery[] = [];
    const worker = async (): Promise<void> => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const delivery of lane) {
          if (this.shuttingDown) unstarted.push(delivery);
          else if (await this.deliver(delivery)) delivered.push(delivery);
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.config.OUTBOX_CONCURRENCY, queue.length) }, worker),
    );
    const lost = await this.outbox.markDelivered(delivered);
    for (const delivery of lost) this.leaseLost(delivery, 'delivered');
    await this.outbox.release(unstarted);
  }

  /** True when the consumer took the event; a failure is recorded here (retry or park). */
  private async deliver(delivery: ClaimedDelivery): Promise<boolean> {
    const channel = deliveryChannel(delivery.event_name, delivery.consumer);
    try {
      if (this.emitter.listenerCount(channel) === 0) {
        throw new Error(`No listener for ${channel} in this version of the service`);
      }
      await this.settledWithin(
        this.emitter.emitAsync(channel, delivery.payload),
        this.deliveryTimeoutMs,
        delivery,
      );
      return true;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const parked = delivery.attempts >= this.config.OUTBOX_MAX_ATTEMPTS;
      if (
        !(await this.outbox.recordFailure(
          delivery,
          message,
          this.backoffMs(delivery.attempts),
          parked,
        ))
      ) {
        this.leaseLost(delivery, `failed (${message})`);
        return false;
      }
      this.logger.warn(
        `${delivery.consumer} failed on ${delivery.event_name} ${delivery.event_id} (attempt ${delivery.attempts}` +
          `${parked ? ', parked as failed' : ''}): ${message}`,
      );
      return false;
    }
  }

  /**
   * Waits for a consumer for `ms` at most, then rejects. A consumer that has not settled by then
   * is abandoned, not cancelled (a promise cannot be): it may still complete later, possibly after
   * another attempt delivered the event again, which consumers tolerate because they are
   * idempotent. Its late outcome is only logged.
   */
  private async settledWithin(
    work: Promise<unknown>,
    ms: number,
    delivery: ClaimedDelivery,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const late = (outcome: string) =>
          this.logger.debug(
            `${delivery.consumer} on ${delivery.event_name} ${delivery.event_id} ${outcome} after its timeout`,
          );
        void work.then(
          () => late('completed'),
          (error: unknown) => late(`failed (${String(error)})`),
        );
        reject(
          new Error(
            `Timed out after ${ms} ms (OUTBOX_DELIVERY_TIMEOUT_MS): the consumer did not settle`,
          ),
        );
      }, ms);
    });
    try {
      await Promise.race([work, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A result that came after the claim lost its lease: not recorded (the new claim owns the row). */
  private leaseLost(delivery: ClaimedDelivery, outcome: string): void {
    this.logger.warn(
      `${delivery.consumer} ${outcome} on ${delivery.event_name} ${delivery.event_id} (attempt ${delivery.attempts}), ` +
        'but its claim no longer held it (the lease ran out and another claim took the row): result dropped',
    );
  }

  /** Exponential, with jitter, capped at 5 minutes. */
  private backoffMs(attempts: number): number {
    const base = this.config.OUTBOX_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1);
    return Math.min(base, 300_000) * (0.8 + Math.random() * 0.4);
  }
}
