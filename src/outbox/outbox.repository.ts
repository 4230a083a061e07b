import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';
import { currentTraceCarrier, type TraceCarrier } from '../common/tracing/outbox-trace';
import { ASYNC_COMMIT } from '../database/async-commit';

/** A delivery claimed by a dispatcher, with its event. */
export interface ClaimedDelivery {
  event_id: string;
  consumer: string;
  /** The attempt this claim makes (the claim counted it): half of the claim's token. */
  attempts: number;
  /**
   * The lease end the claim set, as PostgreSQL printed it (`locked_until::text`): the other half
   * of the token. Kept as text and compared in SQL (`locked_until = $n::timestamptz`), so the
   * comparison is exact whatever the column's precision and however the driver maps times.
   */
  locked_until: string;
  event_name: string;
  payload: Record<string, unknown>;
  sequence: number;
  /** The trace context of the request that wrote the event: the delivery continues its trace. */
  trace_context?: TraceCarrier | null;
}

/**
 * What identifies one claim of a delivery. Each claim counts an attempt and sets a new lease
 * end, so a row still carrying both is still held by that claim: nobody claimed it since (even
 * if the lease has run out meanwhile) and nobody recorded its result.
 */
export type ClaimToken = Pick<
  ClaimedDelivery,
  'event_id' | 'consumer' | 'attempts' | 'locked_until'
>;

/** Rows still held by the claim a token names: the condition of every update of a result. */
const HELD_BY_CLAIM = `d.status = 'pending' AND d.attempts = claim.attempts AND d.locked_until = claim.locked_until`;

/**
 * For an ordered consumer: an earlier event of the same aggregate whose delivery to the same
 * consumer is not done yet (pending, or held by a claim). A parked (failed) one does not hold
 * the later ones back forever: it is out of the order, and `events:failed` shows it.
 */
const EARLIER_PENDING = `SELECT 1 FROM outbox_deliveries pd
   WHERE (pd.consumer || ':' || pd.aggregate_type || ':' || pd.aggregate_id) = (od.consumer || ':' || od.aggregate_type || ':' || od.aggregate_id)
     AND pd.status = 'pending' AND pd.sequence < od.sequence`;

/** For an ordered consumer: a later event of the same aggregate whose delivery (`d`'s consumer) is pending. */
const LATER_PENDING = `SELECT 1 FROM outbox_deliveries ld
   WHERE (ld.consumer || ':' || ld.aggregate_type || ':' || ld.aggregate_id) = (d.consumer || ':' || d.aggregate_type || ':' || d.aggregate_id)
     AND ld.status = 'pending' AND ld.sequence > d.sequence`;

/** A failed attempt to record: due again after `retryInMs`, or parked as failed. */
export interface DeliveryFailure<T extends ClaimToken = ClaimToken> {
  delivery: T;
  error: string;
  retryInMs: number;
  parked: boolean;
}

/** A delivery parked as failed, as `events:failed` lists it. */
export interface FailedDelivery {
  event_id: string;
  consumer: string;
  event_name: string;
  aggregate_id: string;
  attempts: number;
  last_error: string | null;
}

/**
 * Events and one delivery per consumer in one statement (`$1`…`$14` as `enqueueParams` builds
 * them; `$14`: the trace context of the request writing them): the events are inserted by a
 * data-modifying CTE, the deliveries by the statement itself.
 */
export const ENQUEUE_SQL = `WITH events AS (
    INSERT INTO outbox_events (id, workspace_id, aggregate_type, aggregate_id, sequence, event_name, payload, occurred_at, trace_context)
    SELECT u.*, $14::jsonb FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::int[], $6::varchar[], $7::jsonb[], $8::timestamptz[]) u
  )
  INSERT INTO outbox_deliveries (event_id, consumer, aggregate_type, aggregate_id, sequence)
  SELECT * FROM unnest($9::uuid[], $10::varchar[], $11::varchar[], $12::varchar[], $13::int[])`;

/** The parameters of ENQUEUE_SQL for these events and each event's consumers. */
export function enqueueParams(
  events: DomainEvent[],
  consumersOf: (eventName: string) => readonly string[],
  traceContext: TraceCarrier | null = currentTraceCarrier(),
): unknown[] {
  const deliveries = events.flatMap((event) =>
    consumersOf(event.eventName).map((consumer) => ({ event, consumer })),
  );
  return [
    events.map((e) => e.eventId),
    events.map((e) => e.workspaceId),
    events.map((e) => e.aggregateType),
    events.map((e) => e.aggregateId),
    events.map((e) => e.sequence),
    events.map((e) => e.eventName),
    events.map((e) => JSON.stringify(e)),
    events.map((e) => e.occurredAt),
    deliveries.map(({ event }) => event.eventId),
    deliveries.map(({ consumer }) => consumer),
    deliveries.map(({ event }) => event.aggregateType),
    deliveries.map(({ event }) => event.aggregateId),
    deliveries.map(({ event }) => event.sequence),
    traceContext,
  ];
}

/** Every statement on `outbox_events` and `outbox_deliveries`. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes the events and their deliveries inside the caller's transaction. */
  async enqueue(
    manager: EntityManager,
    events: DomainEvent[],
    consumersOf: (eventName: string) => readonly string[],
  ): Promise<void> {
    if (events.length > 0) await manager.query(ENQUEUE_SQL, enqueueParams(events, consumersOf));
  }

  /**
   * One consumer's claim: up to `limit` of its due deliveries, oldest due first, leased for
   * `leaseMs` with the attempt counted (each row comes with its claim's token). Rows another
   * dispatcher holds are skipped (`FOR UPDATE SKIP LOCKED`). For an `ordered` consumer only an
   * aggregate's earliest delivery not yet done is due, so the batch holds at most one event per
   * aggregate. A range of `ix_outbox_deliveries_consumer_due` read in order: the cost does not
   * grow with the other consumers' backlogs.
   */
  async claimBatch(
    consumer: string,
    ordered: boolean,
    leaseMs: number,
    limit: number,
  ): Promise<ClaimedDelivery[]> {
    // The ordered check stays a per-row probe (behind an OR it is never turned into a join) of
    // ix_outbox_deliveries_order, the one index keyed by its expression: whatever the statistics
    // say, no other index can answer it (see migration OrderProbeIndexes).
    const [rows]: [ClaimedDelivery[], number] = await this.dataSource.query(
      `UPDATE outbox_deliveries d
          SET locked_until = now() + make_interval(secs => $3::double precision / 1000),
              attempts = d.attempts + 1
         FROM (SELECT od.event_id, od.consumer FROM outbox_deliveries od
                WHERE od.consumer = $1 AND od.status = 'pending' AND od.next_attempt_at <= now()
                  AND (od.locked_until IS NULL OR od.locked_until <= now())
                  AND (NOT $2::boolean OR NOT EXISTS (${EARLIER_PENDING}))
                ORDER BY od.next_attempt_at
                LIMIT $4
                FOR UPDATE OF od SKIP LOCKED) due,
              outbox_events e, ${ASYNC_COMMIT}
        WHERE d.event_id = due.event_id AND d.consumer = due.consumer AND e.id = d.event_id
      RETURNING d.event_id, d.consumer, d.attempts, d.locked_until::text AS locked_until,
                e.event_name, e.payload, e.sequence, e.trace_context`,
      [consumer, ordered, leaseMs, limit],
    );
    return rows;
  }

  /**
   * Records deliveries as delivered, each only if its claim still holds it (see ClaimToken).
   * `lost`: those that were not recorded: their lease ran out and another claim took them (which
   * delivers them again, harmlessly: consumers are idempotent), or their result is recorded.
   * With `ordered`, `later` says whether an aggregate of those recorded has a later delivery
   * pending for the same consumer (one probe of ix_outbox_deliveries_order each): due only now,
   * so the lane must claim again; without it there is nothing for a claim to find that no kick
   * or poll will bring.
   */
  async markDelivered<T extends ClaimToken>(
    deliveries: T[],
    ordered = false,
  ): Promise<{ lost: T[]; later: boolean }> {
    if (deliveries.length === 0) return { lost: [], later: false };
    const [rows]: [(Pick<ClaimToken, 'event_id' | 'consumer'> & { later: boolean })[], number] =
      await this.dataSource.query(
        `UPDATE outbox_deliveries d SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_error = NULL
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[]) AS claim(event_id, consumer, attempts, locked_until), ${ASYNC_COMMIT}
        WHERE d.event_id = claim.event_id AND d.consumer = claim.consumer AND ${HELD_BY_CLAIM}
      RETURNING d.event_id, d.consumer, $5::boolean AND EXISTS (${LATER_PENDING}) AS later`,
        [
          deliveries.map((d) => d.event_id),
          deliveries.map((d) => d.consumer),
          deliveries.map((d) => d.attempts),
          deliveries.map((d) => d.locked_until),
          ordered,
        ],
      );
    const recorded = new Set(rows.map((row) => `${row.event_id} ${row.consumer}`));
    return {
      lost: deliveries.filter((d) => !recorded.has(`${d.event_id} ${d.consumer}`)),
      later: rows.some((row) => row.later),
    };
  }

  /**
   * Records a failed attempt: due again after `retryInMs`, or parked as failed; only if the
   * claim still holds the delivery (see ClaimToken). False when it did not: the failure of a
   * claim that lost its lease must not reopen a delivery another claim delivered, nor release
   * the lease of the claim that holds it now.
   */
  async recordFailure(
    delivery: ClaimToken,
    error: string,
    retryInMs: number,
    parked: boolean,
  ): Promise<boolean> {
    const lost = await this.recordFailures([{ delivery, error, retryInMs, parked }]);
    return lost.length === 0;
  }

  /**
   * `recordFailure` for many deliveries in one statement. Returns the failures that were not
   * recorded because their claim no longer held the delivery.
   */
  async recordFailures<T extends ClaimToken>(failures: DeliveryFailure<T>[]): Promise<T[]> {
    if (failures.length === 0) return [];
    const [rows]: [Pick<ClaimToken, 'event_id' | 'consumer'>[], number] =
      await this.dataSource.query(
        `UPDATE outbox_deliveries d
            SET status = claim.status, last_error = claim.error, locked_until = NULL,
                next_attempt_at = now() + make_interval(secs => claim.retry_ms / 1000)
           FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::text[], $6::text[], $7::double precision[])
                AS claim(event_id, consumer, attempts, locked_until, status, error, retry_ms), ${ASYNC_COMMIT}
          WHERE d.event_id = claim.event_id AND d.consumer = claim.consumer AND ${HELD_BY_CLAIM}
        RETURNING d.event_id, d.consumer`,
        [
          failures.map((f) => f.delivery.event_id),
          failures.map((f) => f.delivery.consumer),
          failures.map((f) => f.delivery.attempts),
          failures.map((f) => f.delivery.locked_until),
          failures.map((f) => (f.parked ? 'failed' : 'pending')),
          failures.map((f) => f.error),
          failures.map((f) => f.retryInMs),
        ],
      );
    const recorded = new Set(rows.map((row) => `${row.event_id} ${row.consumer}`));
    return failures
      .map((f) => f.delivery)
      .filter((d) => !recorded.has(`${d.event_id} ${d.consumer}`));
  }

  /**
   * Wakes the dispatchers of other processes (a worker) that LISTEN on `channel`: sent after a
   * commit by a process that does not deliver its events itself.
   */
  async notify(channel: string): Promise<void> {
    await this.dataSource.query("SELECT pg_notify($1, '')", [channel]);
  }

  /**
   * Gives claimed deliveries back unattempted (the instance is stopping before it got to them):
   * due again now for any instance, their attempt uncounted; only rows the claim still holds.
   */
  async release(deliveries: ClaimToken[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox_deliveries d SET locked_until = NULL, attempts = d.attempts - 1
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[]) AS claim(event_id, consumer, attempts, locked_until), ${ASYNC_COMMIT}
        WHERE d.event_id = claim.event_id AND d.consumer = claim.consumer AND ${HELD_BY_CLAIM}`,
      [
        deliveries.map((d) => d.event_id),
        deliveries.map((d) => d.consumer),
        deliveries.map((d) => d.attempts),
        deliveries.map((d) => d.locked_until),
      ],
    );
  }

  /**
   * Deletes up to `limit` events older than `days` whose deliveries are all delivered, oldest
   * first, skipping rows another instance is purging; their deliveries go with them (cascade).
   */
  async purgeDelivered(days: number, limit: number): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM outbox_events WHERE id IN (
         SELECT e.id FROM outbox_events e
          WHERE e.occurred_at < now() - make_interval(days => $1::int)
            AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = e.id AND d.status <> 'delivered')
          ORDER BY e.occurred_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED)`,
      [days, limit],
    );
    return count;
  }

  /**
   * Replaces the payloads of an aggregate's events by what identifies them (an erasure): pending
   * deliveries still reach their consumers, which read the current state anyway.
   */
  async erasePayloads(
    manager: EntityManager,
    workspaceId: string,
    aggregateType: string,
    aggregateId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE outbox_events
          SET payload = jsonb_build_object('eventId', id, 'eventName', event_name, 'workspaceId', workspace_id,
                'aggregateType', aggregate_type, 'aggregateId', aggregate_id, 'contactId', aggregate_id,
                'sequence', sequence, 'occurredAt', occurred_at, 'erased', true)
        WHERE workspace_id = $1 AND aggregate_type = $2 AND aggregate_id = $3`,
      [workspaceId, aggregateType, aggregateId],
    );
  }

  listFailed(limit: number): Promise<FailedDelivery[]> {
    return this.dataSource.query(
      `SELECT d.event_id, d.consumer, e.event_name, e.aggregate_id, d.attempts, d.last_error
         FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
        WHERE d.status = 'failed' ORDER BY d.created_at LIMIT $1`,
      [limit],
    );
  }

  /** Makes the failed deliveries of an event (of one consumer, if given) due now; returns how many. */
  async retryFailed(eventId: string, consumer?: string): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE outbox_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL
        WHERE event_id::text = $1 AND status = 'failed' AND ($2::text IS NULL OR consumer = $2)`,
      [eventId, consumer ?? null],
    );
    return count;
  }
}
