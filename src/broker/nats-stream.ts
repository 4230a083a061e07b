import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  type JetStreamClient,
  type JetStreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';

/** Every subject the service publishes: `safravo.<workspaceId>.<event type>`. */
export const SUBJECTS = 'safravo.>';
export const subjectOf = (workspaceId: string, type: string): string =>
  `safravo.${workspaceId}.${type}`;

/** How often the first connection is tried again while NATS does not answer. */
const RETRY_CONNECT_MS = 2000;

export interface NatsStreamOptions {
  url: string;
  stream: string;
  duplicateWindowMs: number;
  /** The stream's max_age, in days (0: none). */
  maxAgeDays: number;
}

/**
 * The connection to NATS and the JetStream stream the events go to (SPEC §12). On start the
 * stream is created, or checked and corrected (its subjects and duplicate window); NATS being
 * down at start is not fatal: the client keeps reconnecting, and publications fail (and are
 * retried by the outbox) until it is back.
 */
export class NatsStream implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('NatsStream');
  private connection?: NatsConnection;
  private closed = false;
  private ready?: Promise<{ js: JetStreamClient; jsm: JetStreamManager }>;

  constructor(readonly options: NatsStreamOptions) {}

  onModuleInit(): void {
    void this.begin();
  }

  /** Connects and checks the stream; after a failure (the stream could not be checked) the next use starts again. */
  private begin(): Promise<{ js: JetStreamClient; jsm: JetStreamManager }> {
    const ready = this.start();
    this.ready = ready;
    ready.catch((error: unknown) => {
      this.logger.warn(`NATS is not ready: ${String(error)}`);
      if (this.ready === ready) this.ready = undefined;
    });
    return ready;
  }

  private async start(): Promise<{ js: JetStreamClient; jsm: JetStreamManager }> {
    // Until the first connection succeeds, try again every few seconds (stopped by shutdown);
    // after it, the client reconnects by itself.
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new Error('NATS: the service is shutting down');
      try {
        this.connection = await connect({
          servers: this.options.url,
          name: 'safravo-contacts',
          reconnect: true,
          maxReconnectAttempts: -1,
          timeout: 5000,
        });
        break;
      } catch (error) {
        if (attempt === 1) {
          this.logger.warn(
            `NATS does not answer at start (${String(error)}): publications wait until it does`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_CONNECT_MS).unref());
      }
    }
    const jsm = await jetstreamManager(this.connection);
    await this.ensureStream(jsm);
    return { js: jetstream(this.connection), jsm };
  }

  /** The stream, created when missing; an existing one gets our subjects and duplicate window. */
  private async ensureStream(jsm: JetStreamManager, attempt = 1): Promise<void> {
    const { stream, duplicateWindowMs, maxAgeDays } = this.options;
    const wanted = {
      subjects: [SUBJECTS],
      duplicate_window: nanos(duplicateWindowMs),
      max_age: nanos(maxAgeDays * 86_400_000),
    };
    try {
      const info = await jsm.streams.info(stream);
      const subjects = info.config.subjects ?? [];
      if (
        !subjects.includes(SUBJECTS) ||
        info.config.duplicate_window !== wanted.duplicate_window ||
        info.config.max_age !== wanted.max_age
      ) {
        await jsm.streams.update(stream, {
          ...info.config,
          ...wanted,
          subjects: [...new Set([...subjects, SUBJECTS])],
        });
        this.logger.log(
          `Stream ${stream} updated (subjects ${SUBJECTS}, duplicate window ${duplicateWindowMs} ms, max age ${maxAgeDays} days)`,
        );
      }
    } catch (error) {
      if (
        !(error instanceof JetStreamApiError) ||
        error.code !== JetStreamApiCodes.StreamNotFound
      ) {
        throw error;
      }
      try {
        await jsm.streams.add({ name: stream, ...wanted });
        this.logger.log(`Stream ${stream} created (subjects ${SUBJECTS})`);
      } catch (addError) {
        // Another instance created it meanwhile: check that one.
        if (attempt > 1 || !/already in use/i.test(String(addError))) throw addError;
        await this.ensureStream(jsm, attempt + 1);
      }
    }
  }

  /**
   * The clients, once connected and the stream is there; rejects after `waitMs` while they are
   * not (NATS down: the caller's delivery fails and is retried later, nothing waits for long).
   */
  async clients(waitMs = 5000): Promise<{ js: JetStreamClient; jsm: JetStreamManager }> {
    const ready = this.ready ?? this.begin();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`NATS is not connected (${this.options.url})`)),
        waitMs,
      );
    });
    try {
      return await Promise.race([ready, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.connection?.drain().catch(() => undefined);
  }
}
