import { randomUUID } from 'node:crypto';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { CoalescedRun } from '../common/scheduling/coalesced-run';
import { AppConfig } from '../config/app-config';
import {
  type AttemptOutcome,
  type ClaimedWebhook,
  WebhookDeliveriesRepository,
} from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookSender } from './webhook-sender';
import { webhookHeaders } from './webhook-signature';

/** Deliveries claimed per statement. */
const CLAIM_BATCH = 200;
/** Outcomes are written together: at most this many, or after this long. */
const FLUSH_SIZE = 200;
const FLUSH_MS = 10;
/** Retry delays double from WEBHOOK_RETRY_BASE_MS up to this. */
const MAX_RETRY_DELAY_MS = 3_600_000;
/** How often done deliveries past WEBHOOK_RETENTION_DAYS are deleted. */
const PURGE_EVERY_MS = 10 * 60_000;
/**
 * An endpoint's hold: a request may start while more than the request timeout and this margin
 * is left of it; it is renewed once no more than this margin again is left over that, and it
 * lasts this margin longer still (a dispatcher that died lets its endpoints go after at most
 * WEBHOOK_TIMEOUT_MS + 3 × this).
 */
const HOLD_MARGIN_MS = 2_000;

/**
 * Sends webhook deliveries (SPEC §12), at least once, in order per endpoint and contact.
 *
 * - Holds endpoints, not deliveries: a dispatcher takes the endpoints with due deliveries that no
 *   other live dispatcher holds (a row lease on `webhook_endpoints`, renewed while it has work
 *   for them) and sends their due deliveries without writing anything until their outcomes: one
 *   statement takes the holds and reads the deliveries. (Leasing each delivery cost a rewrite of
 *   the delivery row with all its index entries before every attempt, the busiest statement of
 *   the events benchmark.) What it has in flight or not recorded yet it leaves out of the next
 *   reads; a request starts only while the hold outlasts the request's timeout, so that no two
 *   dispatchers send to one endpoint at once, and a dispatcher that dies lets its endpoints go
 *   when their holds run out.
 * - Never more than WEBHOOK_ENDPOINT_CONCURRENCY in flight per endpoint and WEBHOOK_CONCURRENCY in
 *   all: a slow endpoint (every answer after 5 s) holds its own slots only, a dead one fails fast
 *   and waits out its backoff, and neither delays another endpoint or workspace.
 * - Each request is signed (Standard Webhooks; with both secrets during a rotation), times out
 *   after WEBHOOK_TIMEOUT_MS and follows no redirect.
 * - Outcomes are written in batches (every FLUSH_MS): the delivery's status and the attempt's log
 *   row. A failure is retried with exponential backoff and jitter until WEBHOOK_RETRY_HOURS have
 *   passed since the event, then parked as failed. A 410 disables the endpoint; so do
 *   WEBHOOK_DISABLE_AFTER_DAYS of nothing but failures.
 *
 * Kicked by the fan-out of each event, with polling (WEBHOOK_POLL_MS) as the safety net for
 * retries, other instances' events and restarts.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly sender: WebhookSender;
  /** This dispatcher, as the holder of endpoints. */
  private readonly id = randomUUID();
  private readonly inFlight = new Map<string, number>();
  /** Deliveries sent or being sent whose outcome is not written yet: left out of the next reads. */
  private readonly unrecorded = new Set<string>();
  /** Whether it has asked for endpoints (and may hold some): only then is there any to let go of. */
  private claimed = false;
  private readonly sending = new Set<Promise<void>>();
  private outcomes: AttemptOutcome[] = [];
  private endpointResults: { endpointId: string; ok: boolean; gone: boolean; at: Date }[] = [];
  private flushing: Promise<void> | null = null;
  private flushTimer?: NodeJS.Timeout;
  private timer?: NodeJS.Timeout;
  private purgeTimer?: NodeJS.Timeout;
  private readonly runs = new CoalescedRun(
    () => this.run(),
    (error: unknown) => this.logger.warn(`Webhook dispatch failed: ${String(error)}`),
  );
  private stopped = true;
  private shuttingDown = false;
  private total = 0;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.sender = new WebhookSender(config.WEBHOOK_TIMEOUT_MS, config.WEBHOOKS_ALLOW_PRIVATE);
  }

  onApplicationBootstrap(): void {
    if (!this.config.WEBHOOK_DISPATCH) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.config.WEBHOOK_POLL_MS);
    this.timer.unref();
    this.purgeTimer = setInterval(
      () =>
        void this.purge().catch((error: unknown) =>
          this.logger.warn(`Webhook purge failed: ${String(error)}`),
        ),
      PURGE_EVERY_MS,
    );
    this.purgeTimer.unref();
    this.kick();
  }

  /** Stops claiming, waits for the requests in flight (each ends within WEBHOOK_TIMEOUT_MS) and writes their outcomes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.shuttingDown = true;
    clearInterval(this.timer);
    clearInterval(this.purgeTimer);
    await this.runs.current;
    await Promise.all([...this.sending]);
    await this.flush();
    await this.sender.close();
    if (!this.claimed) return;
    await this.deliveries
      .releaseEndpoints(this.id)
      .catch((error: unknown) =>
        this.logger.warn(`Could not let go of the webhook endpoints: ${String(error)}`),
      );
  }

  /** Sends what is due now; a kick during a run makes it run once more. */
  kick(): void {
    if (!this.stopped) this.runs.kick();
  }

  private async run(): Promise<void> {
    while (!this.stopped && (await this.claimAndSend()) > 0);
  }

  /**
   * Sends every due delivery (of one workspace, when given) until none is left, and waits for
   * their outcomes to be written. For tests and tools: the service itself runs on kicks.
   */
  async drain(scope?: { workspaceId: string }): Promise<void> {
    for (;;) {
      const started = await this.claimAndSend(scope);
      if (started > 0) continue;
      if (this.sending.size === 0) {
        await this.flush();
        // Written outcomes may have let the next delivery of a contact go.
        if ((await this.claimAndSend(scope)) === 0 && this.sending.size === 0) return;
        continue;
      }
      // Wait for one request to end (its slot is free again), and for its outcome to be written.
      await Promise.race([...this.sending]);
      await this.flush();
    }
  }

  /** Claims what fits in the free slots and starts sending it; how many were started. */
  private async claimAndSend(scope?: { workspaceId: string }): Promise<number> {
    const free = this.config.WEBHOOK_CONCURRENCY - this.total;
    if (free <= 0) return 0;
    const perEndpoint = this.config.WEBHOOK_ENDPOINT_CONCURRENCY;
    const busy = [...this.inFlight]
      .filter(([, count]) => count >= perEndpoint)
      .map(([endpointId]) => endpointId);
    const safeMs = this.config.WEBHOOK_TIMEOUT_MS + HOLD_MARGIN_MS;
    this.claimed = true;
    const claimed = await this.deliveries.claim(
      this.id,
      this.clock.now(),
      { safeMs, renewMs: safeMs + HOLD_MARGIN_MS, holdMs: safeMs + 2 * HOLD_MARGIN_MS },
      Math.min(free, CLAIM_BATCH),
      (endpointId) => perEndpoint - (this.inFlight.get(endpointId) ?? 0),
      { busy, sending: [...this.unrecorded], perEndpoint, scope },
    );
    for (const delivery of claimed) this.start(delivery);
    return claimed.length;
  }

  private start(delivery: ClaimedWebhook): void {
    this.total++;
    this.unrecorded.add(delivery.id);
    this.inFlight.set(delivery.endpoint_id, (this.inFlight.get(delivery.endpoint_id) ?? 0) + 1);
    const sending = this.send(delivery).finally(() => {
      this.total--;
      const left = (this.inFlight.get(delivery.endpoint_id) ?? 1) - 1;
      if (left > 0) this.inFlight.set(delivery.endpoint_id, left);
      else this.inFlight.delete(delivery.endpoint_id);
      this.sending.delete(sending);
    });
    this.sending.add(sending);
  }

  private async send(delivery: ClaimedWebhook): Promise<void> {
    const body = delivery.body;
    const now = this.clock.now();
    const secrets = [delivery.secret];
    if (
      delivery.previous_secret &&
      delivery.previous_secret_expires_at &&
      delivery.previous_secret_expires_at > now
    ) {
      secrets.push(delivery.previous_secret);
    }
    // The signature's timestamp is the wall clock's: receivers compare it with theirs.
    const headers = webhookHeaders(secrets, delivery.event_id, Math.floor(Date.now() / 1000), body);
    const result = await this.sender.send(delivery.url, headers, body);
    const attemptedAt = this.clock.now();
    const gone = result.statusCode === 410;
    let status: AttemptOutcome['status'] = 'delivered';
    let nextAttemptAt = attemptedAt;
    if (!result.ok) {
      nextAttemptAt = new Date(attemptedAt.getTime() + this.backoffMs(delivery.attempts));
      const giveUpAt = delivery.created_at.getTime() + this.config.WEBHOOK_RETRY_HOURS * 3_600_000;
      status = nextAttemptAt.getTime() > giveUpAt ? 'failed' : 'pending';
    }
    this.outcomes.push({
      id: delivery.id,
      attempts: delivery.attempts,
      attemptedAt,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      error: result.error,
      status,
      nextAttemptAt,
    });
    this.endpointResults.push({
      endpointId: delivery.endpoint_id,
      ok: result.ok,
      gone,
      at: attemptedAt,
    });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.outcomes.length >= FLUSH_SIZE) {
      void this.flush();
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, FLUSH_MS);
  }

  /** Writes the outcomes gathered so far; a delivered one lets the next of its contact go, so it kicks. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.outcomes.length === 0) return;
    const [outcomes, endpointResults] = [this.outcomes, this.endpointResults];
    this.outcomes = [];
    this.endpointResults = [];
    this.flushing = (async () => {
      try {
        await this.deliveries.record(outcomes);
        await this.endpoints.recordResults(endpointResults, this.config.WEBHOOK_DISABLE_AFTER_DAYS);
      } catch (error) {
        // Not written: they are still pending, and are sent again (at least once).
        this.logger.warn(`Could not record ${outcomes.length} webhook attempts: ${String(error)}`);
      } finally {
        for (const outcome of outcomes) this.unrecorded.delete(outcome.id);
      }
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
    this.kick();
  }

  /** Exponential from WEBHOOK_RETRY_BASE_MS, capped at an hour, with ±20% jitter. */
  private backoffMs(attempts: number): number {
    const base = this.config.WEBHOOK_RETRY_BASE_MS * 2 ** Math.min(30, Math.max(0, attempts - 1));
    return Math.round(Math.min(base, MAX_RETRY_DELAY_MS) * (0.8 + Math.random() * 0.4));
  }

  /** Deletes deliveries done before WEBHOOK_RETENTION_DAYS, in short batches. */
  async purge(): Promise<number> {
    const before = new Date(
      this.clock.now().getTime() - this.config.WEBHOOK_RETENTION_DAYS * 86_400_000,
    );
    let deleted = 0;
    for (let batch = 0; batch < 20 && !this.shuttingDown; batch++) {
      const count = await this.deliveries.purgeDone(before, 5000);
      deleted += count;
      if (count < 5000) break;
    }
    return deleted;
  }
}
