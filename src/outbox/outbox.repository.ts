import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';

/** A delivery claimed by a dispatcher, with its event. */
export interface ClaimedDelivery {
  event_id: string;
  consumer: string;
  attempts: number;
  event_name: string;
  payload: Record<string, unknown>;
  sequence: number;
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
 * Events and one delivery per consumer in one statement (`$1`…`$10` as `enqueueParams` builds
 * them): the events are inserted by a data-modifying CTE, the deliveries by the statement itself.
 */
export const ENQUEUE_SQL = `WITH events AS (
    INSERT INTO outbox_events (id, workspace_id, aggregate_type, aggregate_id, sequence, event_name, payload, occurred_at)
    SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::int[], $6::varchar[], $7::jsonb[], $8::timestamptz[])
  )
  INSERT INTO outbox_deliveries (event_id, consumer) SELECT * FROM unnest($9::uuid[], $10::varchar[])`;

/** The parameters of ENQUEUE_SQL for these events and each event's consumers. */
export function enqueueParams(events: DomainEvent[], consumersOf: (eventName: string) => readonly string[]): unknown[] {
  const deliveries = events.flatMap((event) => consumersOf(event.eventName).map((consumer) => [event.eventId, consumer]));
  return [
    events.map((e) => e.eventId),
    events.map((e) => e.workspaceId),
    events.map((e) => e.aggregateType),
    events.map((e) => e.aggregateId),
    events.map((e) => e.sequence),
    events.map((e) => e.eventName),
    events.map((e) => JSON.stringify(e)),
    events.map((e) => e.occurredAt),
    deliveries.map(([eventId]) => eventId),
    deliveries.map(([, consumer]) => consumer),
  ];
}

/** Every statement on `outbox_events` and `outbox_deliveries`. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes the events and their deliveries inside the caller's transaction. */
  async enqueue(manager: EntityManager, events: DomainEvent[], consumersOf: (eventName: string) => readonly string[]): Promise<void> {
    if (events.length > 0) await manager.query(ENQUEUE_SQL, enqueueParams(events, consumersOf));
  }

  /**
   * Leases up to `limit` due deliveries for `leaseMs` and counts the attempt; rows another
   * dispatcher holds are skipped (`FOR UPDATE SKIP LOCKED`).
   */
  async claim(leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    // For an UPDATE, TypeORM answers [returned rows, affected count].
    const [rows]: [ClaimedDelivery[], number] = await this.dataSource.query(
      `UPDATE outbox_deliveries d
          SET locked_until = now() + make_interval(secs => $1::double precision / 1000),
              attempts = d.attempts + 1
         FROM (SELECT event_id, consumer FROM outbox_deliveries
                WHERE status = 'pending' AND next_attempt_at <= now()
                  AND (locked_until IS NULL OR locked_until <= now())
                ORDER BY next_attempt_at
                LIMIT $2
                FOR UPDATE SKIP LOCKED) due,
              outbox_events e
        WHERE d.event_id = due.event_id AND d.consumer = due.consumer AND e.id = d.event_id
      RETURNING d.event_id, d.consumer, d.attempts, e.event_name, e.payload, e.sequence`,
      [leaseMs, limit],
    );
    return rows;
  }

  async markDelivered(deliveries: Pick<ClaimedDelivery, 'event_id' | 'consumer'>[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox_deliveries d SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_error = NULL
         FROM unnest($1::uuid[], $2::text[]) AS done(event_id, consumer)
        WHERE d.event_id = done.event_id AND d.consumer = done.consumer`,
      [deliveries.map((d) => d.event_id), deliveries.map((d) => d.consumer)],
    );
  }

  /** Records a failed attempt: due again after `retryInMs`, or parked as failed. */
  async recordFailure(
    delivery: Pick<ClaimedDelivery, 'event_id' | 'consumer'>,
    error: string,
    retryInMs: number,
    parked: boolean,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_deliveries
          SET status = $3, last_error = $4, locked_until = NULL,
              next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
        WHERE event_id = $1 AND consumer = $2`,
      [delivery.event_id, delivery.consumer, parked ? 'failed' : 'pending', error, retryInMs],
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
