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
import { type OutboxBatchHandler, OutboxConsumerRegistry } from './outbox-consumer.registry';
import { OutboxWakeUp } from './outbox-wake-up';
import {
  batchSpan,
  deliverySpan,
  endDeliverySpan,
  outsideAnyTrace,
  withinSpan,
} from '../common/tracing/outbox-trace';
import { type ClaimedDelivery, type DeliveryFailure, OutboxRepository } from './outbox.repository';

/** How often an instance deletes delivered events past OUTBOX_RETENTION_DAYS. */
const PURGE_EVERY_MS = 10 * 60_000;
/** Events deleted per statement (short transactions), and statements per purge. */
const PURGE_BATCH = 5000;
const PURGE_BATCHES_MAX = 20;

/** What a consumer's work came to within its time: its value, or why it failed. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: string };
/** What became of one delivery. */
type Outcome = Settled<unknown>;

const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * Delivers outbox events to their consumers, at least once. Kicked right after each commit (in
 * another process: woken by a notification, see OutboxWakeUp), with polling as the safety net
 * (events of another instance, retries, a restart after a crash).
 *
 * Each consumer has a lane of its own: it claims a batch of that consumer's due deliveries
 * (OUTBOX_BATCH_SIZE, `FOR UPDATE SKIP LOCKED`, leased for OUTBOX_LEASE_MS), delivers it and
 * records the results in one statement per kind of result, then claims again until nothing is
 * due. A slow or failing consumer holds up only its own lane. An `@OnOutboxBatch` consumer gets
 * the whole batch in one call and answers per event; an `@OnOutboxEvent` consumer gets one call
 * per delivery, OUTBOX_CONCURRENCY at a time, each aggregate's deliveries in order.
 *
 * Several instances share the work: each delivery is normally made once; a lease that runs out
 * (the instance died) makes it due again. A failed delivery is retried with exponential backoff
 * and parked as `failed` after OUTBOX_MAX_ATTEMPTS, without holding up the others.
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
  /** One run per consumer: a kick runs every lane (again, if it is running). */
  private readonly lanes = new Map<string, CoalescedRun>();
  private stopped = true;
  /** Set on shutdown: a purge in progress stops after its current batch. */
  private shuttingDown = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly emitter: EventEmitter2,
    private readonly config: AppConfig,
    private readonly consumers: OutboxConsumerRegistry,
    private readonly wakeUp?: OutboxWakeUp,
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
    for (const consumer of this.consumers.allConsumers()) {
      this.lanes.set(
        consumer,
        new CoalescedRun(
          () => this.drainConsumer(consumer),
          (error: unknown) =>
            this.logger.warn(`Outbox dispatch to ${consumer} failed: ${String(error)}`),
          this.config.OUTBOX_GATHER_MS,
        ),
      );
    }
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
    // Events committed by other processes (an API that does not dispatch) wake this one.
    this.wakeUp?.listen(() => this.kick());
    this.kick();
  }

  /**
   * Stops taking new work and waits for the deliveries in flight (each settles or times out
   * within OUTBOX_DELIVERY_TIMEOUT_MS); deliveries claimed and not started are given back.
   * Called before the pool closes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.shuttingDown = true;
    clearInterval(this.timer);
    clearInterval(this.purgeTimer);
    await Promise.all([...[...this.lanes.values()].map((lane) => lane.current), this.purging]);
    await this.wakeUp?.close();
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

  /**
   * Delivers what is due now, to `consumers` (those a commit wrote deliveries for) or to every
   * consumer; a kick while a lane is running makes it run once more. In a process that does not
   * dispatch (OUTBOX_DISPATCH=false), wakes the processes that do.
   */
  kick(consumers?: Iterable<string>): void {
    if (!this.stopped) {
      // Not within the kicking request's trace: each delivery continues its own event's.
      outsideAnyTrace(() => {
        if (!consumers) for (const lane of this.lanes.values()) lane.kick();
        else for (const consumer of consumers) this.lanes.get(consumer)?.kick();
      });
    } else if (!this.shuttingDown && !this.config.OUTBOX_DISPATCH) {
      this.wakeUp?.notify();
    }
  }

  /**
   * Delivers until nothing is due, every consumer's lane at once (or, once shutting down, after
   * the batches in hand: deliveries not started are given back, and claiming them again would go
   * round in circles). Also callable directly, e.g. by tests that need the outbox drained now.
   */
  async drain(): Promise<void> {
    await Promise.all(
      this.consumers.allConsumers().map((consumer) => this.drainConsumer(consumer)),
    );
  }

  private async drainConsumer(consumer: string): Promise<void> {
    const ordered = this.consumers.isOrdered(consumer);
    const handler = this.consumers.batchHandler(consumer);
    const limit = this.config.OUTBOX_BATCH_SIZE;
    while (!this.shuttingDown) {
      const batch = await this.outbox.claimBatch(
        consumer,
        ordered,
        this.config.OUTBOX_LEASE_MS,
        limit,
      );
      if (batch.length === 0) return;
      // A contact's events in order within a batch.
      batch.sort((a, b) => a.sequence - b.sequence);
      const later = handler
        ? await this.deliverBatch(handler, batch, ordered)
        : await this.deliverEach(batch, ordered);
      // A short claim took everything due then: what commits later kicks the lane again (the
      // poll finds the rest), so no claim to find nothing. An ordered consumer's claim held one
      // event per contact: the next ones of those contacts (`later`) are due only now.
      if (batch.length < limit && !later) return;
    }
  }

  /** How long a consumer may take: OUTBOX_DELIVERY_TIMEOUT_MS, never more than the lease. */
  private get deliveryTimeoutMs(): number {
    return Math.min(this.config.OUTBOX_DELIVERY_TIMEOUT_MS, this.config.OUTBOX_LEASE_MS);
  }

  /**
   * Hands the whole batch to a batch consumer and records its answer: one outcome per event,
   * each within the delivery timeout (counted from the call). Whether a later event of an
   * aggregate delivered is due now (see `record`).
   */
  private async deliverBatch(
    handler: OutboxBatchHandler,
    batch: ClaimedDelivery[],
    ordered: boolean,
  ): Promise<boolean> {
    const deadline = performance.now() + this.deliveryTimeoutMs;
    let outcomes: Outcome[];
    // A span per event, each in the trace of the request that wrote it, over the batch's call.
    const spans = batch.map((delivery) => deliverySpan(delivery));
    const call = batchSpan(batch[0].consumer, spans);
    try {
      const answer = await withinSpan(call, false, () =>
        this.settledBy(
          Promise.resolve().then(() => handler(batch.map((delivery) => delivery.payload))),
          deadline,
        ),
      );
      if (!answer.ok) throw new Error(answer.error);
      const promises = answer.value;
      const count = Array.isArray(promises) ? promises.length : undefined;
      if (count !== batch.length) {
        throw new Error(
          `The consumer answered ${count ?? 'no'} outcomes for ${batch.length} events`,
        );
      }
      outcomes = await Promise.all(
        promises.map((promise) => this.settledBy(Promise.resolve(promise), deadline)),
      );
    } catch (error) {
      const failed: Outcome = { ok: false, error: messageOf(error) };
      outcomes = batch.map(() => failed);
    }
    spans.forEach((span, i) => endDeliverySpan(span, outcomes[i]));
    call.end();
    return this.record(
      batch.filter((_, i) => outcomes[i].ok),
      batch.flatMap((delivery, i) => {
        const outcome = outcomes[i];
        return outcome.ok ? [] : [{ delivery, error: outcome.error }];
      }),
      ordered,
    );
  }

  /**
   * Runs the batch's deliveries OUTBOX_CONCURRENCY at a time, one call each, keeping each
   * aggregate's deliveries in order. Once the instance is shutting down, deliveries not started
   * yet are given back instead. Whether a later event of an aggregate delivered is due now (see
   * `record`).
   */
  private async deliverEach(batch: ClaimedDelivery[], ordered: boolean): Promise<boolean> {
    const lanes = new Map<string, ClaimedDelivery[]>();
    for (const delivery of batch) {
      const lane = String(delivery.payload.aggregateId);
      lanes.set(lane, [...(lanes.get(lane) ?? []), delivery]);
    }
    const queue = [...lanes.values()];
    const delivered: ClaimedDelivery[] = [];
    const failed: { delivery: ClaimedDelivery; error: string }[] = [];
    const unstarted: ClaimedDelivery[] = [];
    const worker = async (): Promise<void> => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const delivery of lane) {
          if (this.shuttingDown) {
            unstarted.push(delivery);
            continue;
          }
          const outcome = await this.deliverOne(delivery);
          if (outcome.ok) delivered.push(delivery);
          else failed.push({ delivery, error: outcome.error });
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.config.OUTBOX_CONCURRENCY, queue.length) }, worker),
    );
    const later = await this.record(delivered, failed, ordered);
    await this.outbox.release(unstarted);
    return later;
  }

  /** One call of an `@OnOutboxEvent` consumer, within the delivery timeout. */
  private async deliverOne(delivery: ClaimedDelivery): Promise<Outcome> {
    const channel = deliveryChannel(delivery.event_name, delivery.consumer);
    if (this.emitter.listenerCount(channel) === 0) {
      return { ok: false, error: `No listener for ${channel} in this version of the service` };
    }
    // Within a span in the trace of the request that wrote the event: the consumer's statements
    // and log lines are part of that trace.
    const span = deliverySpan(delivery);
    const outcome = await withinSpan(span, Boolean(delivery.trace_context), () =>
      this.settledBy(
        this.emitter.emitAsync(channel, delivery.payload),
        performance.now() + this.deliveryTimeoutMs,
      ),
    );
    endDeliverySpan(span, outcome);
    return outcome;
  }

  /**
   * Records a batch's results: the deliveries in one statement, the failures in another. For an
   * ordered consumer, whether an aggregate delivered has its next delivery pending (due now).
   */
  private async record(
    delivered: ClaimedDelivery[],
    failed: { delivery: ClaimedDelivery; error: string }[],
    ordered: boolean,
  ): Promise<boolean> {
    const { lost, later } = await this.outbox.markDelivered(delivered, ordered);
    for (const delivery of lost) this.leaseLost(delivery, 'delivered');
    if (failed.length === 0) return later;
    const failures: DeliveryFailure<ClaimedDelivery>[] = failed.map(({ delivery, error }) => ({
      delivery,
      error,
      retryInMs: this.backoffMs(delivery.attempts),
      parked: delivery.attempts >= this.config.OUTBOX_MAX_ATTEMPTS,
    }));
    const unrecorded = new Set(await this.outbox.recordFailures(failures));
    for (const { delivery, error, parked } of failures) {
      if (unrecorded.has(delivery)) {
        this.leaseLost(delivery, `failed (${error})`);
        continue;
      }
      this.logger.warn(
        `${delivery.consumer} failed on ${delivery.event_name} ${delivery.event_id} (attempt ${delivery.attempts}` +
          `${parked ? ', parked as failed' : ''}): ${error}`,
      );
    }
    return later;
  }

  /**
   * What `work` came to by `deadline`: its value, its error, or a timeout. A consumer that has
   * not settled by then is abandoned, not cancelled (a promise cannot be): it may still complete
   * later, possibly after another attempt delivered the event again, which consumers tolerate
   * because they are idempotent. Its late outcome is not recorded.
   */
  private async settledBy<T>(work: Promise<T>, deadline: number): Promise<Settled<T>> {
    let timer: NodeJS.Timeout | undefined;
    const ms = this.deliveryTimeoutMs;
    const timedOut = new Promise<{ ok: false; error: string }>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            ok: false,
            error: `Timed out after ${ms} ms (OUTBOX_DELIVERY_TIMEOUT_MS): the consumer did not settle`,
          }),
        Math.max(0, deadline - performance.now()),
      );
    });
    try {
      return await Promise.race([
        work.then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error: messageOf(error) }),
        ),
        timedOut,
      ]);
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
