import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';

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
   WHERE pd.consumer = od.consumer AND pd.aggregate_id = od.aggregate_id AND pd.aggregate_type = od.aggregate_type
     AND pd.status = 'pending' AND pd.sequence < od.sequence`;

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
 * Events and one delivery per consumer in one statement (`$1`…`$13` as `enqueueParams` builds
 * them): the events are inserted by a data-modifying CTE, the deliveries by the statement itself.
 */
export const ENQUEUE_SQL = `WITH events AS (
    INSERT INTO outbox_events (id, workspace_id, aggregate_type, aggregate_id, sequence, event_name, payload, occurred_at)
    SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::int[], $6::varchar[], $7::jsonb[], $8::timestamptz[])
  )
  INSERT INTO outbox_deliveries (event_id, consumer, aggregate_type, aggregate_id, sequence)
  SELECT * FROM unnest($9::uuid[], $10::varchar[], $11::varchar[], $12::varchar[], $13::int[])`;

/** The parameters of ENQUEUE_SQL for these events and each event's consumers. */
export function enqueueParams(
  events: DomainEvent[],
  consumersOf: (eventName: string) => readonly string[],
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
   * Leases up to `limit` due deliveries for `leaseMs` and counts the attempt; rows another
   * dispatcher holds are skipped (`FOR UPDATE SKIP LOCKED`). Each row comes with its claim's
   * token (`attempts`, `locked_until`), which the updates of its result require. `ordered`: the
   * consumers that take each aggregate's events strictly in order; `only`: claim these consumers'
   * deliveries and no other's (for tools and tests).
   */
  async claim(
    leaseMs: number,
    limit: number,
    ordered: readonly string[] = [],
    only?: readonly string[],
  ): Promise<ClaimedDelivery[]> {
    // For an UPDATE, TypeORM answers [returned rows, affected count].
    const [rows]: [ClaimedDelivery[], number] = await this.dataSource.query(
      `UPDATE outbox_deliveries d
          SET locked_until = now() + make_interval(secs => $1::double precision / 1000),
              attempts = d.attempts + 1
         FROM (SELECT od.event_id, od.consumer FROM outbox_deliveries od
                WHERE od.status = 'pending' AND od.next_attempt_at <= now()
                  AND (od.locked_until IS NULL OR od.locked_until <= now())
                  AND (od.consumer <> ALL($3::text[]) OR NOT EXISTS (${EARLIER_PENDING}))
                  AND ($4::text[] IS NULL OR od.consumer = ANY($4::text[]))
                ORDER BY od.next_attempt_at
                LIMIT $2
                FOR UPDATE OF od SKIP LOCKED) due,
              outbox_events e
        WHERE d.event_id = due.event_id AND d.consumer = due.consumer AND e.id = d.event_id
      RETURNING d.event_id, d.consumer, d.attempts, d.locked_until::text AS locked_until,
                e.event_name, e.payload, e.sequence`,
      [leaseMs, limit, ordered, only ?? null],
    );
    return rows;
  }

  /**
   * Records deliveries as delivered, each only if its claim still holds it (see ClaimToken).
   * Returns those that were not recorded: their lease ran out and another claim took them (which
   * delivers them again, harmlessly: consumers are idempotent), or their result is recorded.
   */
  async markDelivered<T extends ClaimToken>(deliveries: T[]): Promise<T[]> {
    if (deliveries.length === 0) return [];
    const [rows]: [Pick<ClaimToken, 'event_id' | 'consumer'>[], number] =
      await this.dataSource.query(
        `UPDATE outbox_deliveries d SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_error = NULL
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[]) AS claim(event_id, consumer, attempts, locked_until)
        WHERE d.event_id = claim.event_id AND d.consumer = claim.consumer AND ${HELD_BY_CLAIM}
      RETURNING d.event_id, d.consumer`,
        [
          deliveries.map((d) => d.event_id),
          deliveries.map((d) => d.consumer),
          deliveries.map((d) => d.attempts),
          deliveries.map((d) => d.locked_until),
        ],
      );
    const recorded = new Set(rows.map((row) => `${row.event_id} ${row.consumer}`));
    return deliveries.filter((d) => !recorded.has(`${d.event_id} ${d.consumer}`));
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
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE outbox_deliveries d
          SET status = $5, last_error = $6, locked_until = NULL,
              next_attempt_at = now() + make_interval(secs => $7::double precision / 1000)
         FROM (SELECT $1::uuid AS event_id, $2::text AS consumer, $3::int AS attempts, $4::timestamptz AS locked_until) claim
        WHERE d.event_id = claim.event_id AND d.consumer = claim.consumer AND ${HELD_BY_CLAIM}`,
      [
        delivery.event_id,
        delivery.consumer,
        delivery.attempts,
        delivery.locked_until,
        parked ? 'failed' : 'pending',
        error,
        retryInMs,
      ],
    );
    return count > 0;
  }

  /**
   * Gives claimed deliveries back unattempted (the instance is stopping before it got to them):
   * due again now for any instance, their attempt uncounted; only rows the claim still holds.
   */
  async release(deliveries: ClaimToken[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox_deliveries d SET locked_until = NULL, attempts = d.attempts - 1
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[]) AS claim(event_id, consumer, attempts, locked_until)
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
