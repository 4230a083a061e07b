import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ASYNC_COMMIT } from '../database/async-commit';
import type { EventEnvelope } from '../event-catalogue/envelope';

/** An event to fan out to its workspace's endpoints. */
export interface FanOutEvent {
  envelope: EventEnvelope;
  workspaceId: string;
  contactId: string;
}

/** A delivery claimed for one attempt, with what sending it needs. */
export interface ClaimedWebhook {
  id: string;
  endpoint_id: string;
  event_id: string;
  /** The message as sent (the stored JSON, not parsed again). */
  body: string;
  /** The attempt this one is (the attempts recorded before it, plus one). */
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/** The outcome of one attempt, as the dispatcher records it. */
export interface AttemptOutcome {
  id: string;
  attempts: number;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** `delivered`; `pending` again at `nextAttemptAt`; or `failed` (parked: retried for long enough). */
  status: 'delivered' | 'pending' | 'failed';
  nextAttemptAt: Date;
}

/** A row of an endpoint's delivery log. */
export interface DeliveryRow {
  id: string;
  seq: string;
  event_id: string;
  event_type: string;
  contact_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  log: {
    attemptedAt: string;
    statusCode: number | null;
    latencyMs: number;
    error: string | null;
  }[];
}

/**
 * Every statement on `webhook_deliveries` and `webhook_attempts`. Times come from the caller (the
 * service's Clock), so that retries can be tested without waiting.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One delivery of each event for each enabled endpoint of its workspace that subscribes to its
   * type, in one statement (given in order, they are written in order: their `seq` is the order an
   * endpoint gets a contact's events in); an event fanned out twice (the outbox delivers at least
   * once) is written once. When no endpoint subscribes, one probe of the endpoints' index by
   * workspace is all it costs. Returns how many deliveries were written.
   */
  async fanOut(events: FanOutEvent[], now: Date): Promise<number> {
    if (events.length === 0) return 0;
    // (An INSERT's answer through TypeORM has no row count: the count is selected.)
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      `WITH written AS (
         INSERT INTO webhook_deliveries (id, endpoint_id, workspace_id, event_id, event_type, contact_id, body, next_attempt_at, created_at)
         SELECT gen_random_uuid(), e.id, e.workspace_id, v.event_id, v.event_type, v.contact_id, v.body, $6::timestamptz, $6::timestamptz
           FROM unnest($1::varchar[], $2::uuid[], $3::text[], $4::varchar[], $5::jsonb[]) WITH ORDINALITY
                AS v(workspace_id, event_id, event_type, contact_id, body, n)
           CROSS JOIN ${ASYNC_COMMIT}
           JOIN webhook_endpoints e
             ON e.workspace_id = v.workspace_id AND e.enabled AND (v.event_type = ANY(e.events) OR '*' = ANY(e.events))
          ORDER BY v.n, e.id
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS count FROM written`,
      [
        events.map((event) => event.workspaceId),
        events.map((event) => event.envelope.id),
        events.map((event) => event.envelope.type),
        events.map((event) => event.contactId),
        events.map((event) => JSON.stringify(event.envelope)),
        now,
      ],
    );
    return count;
  }

  /**
   * Takes up to `limit` due deliveries to send, at most `room(endpoint)` per endpoint (none of an
   * endpoint in `busy`, none in `sending`: those this dispatcher has in flight or has not recorded
   * yet), from the endpoints this dispatcher holds; in the same statement it takes or renews the
   * hold on every enabled endpoint with due deliveries that no live dispatcher holds or whose
   * hold runs out within `renewMs` (see WebhookDispatcher on why endpoints are held, not
   * deliveries). A delivery is sent only while the hold has more than `safeMs` left, so that a
   * request started under it ends before another dispatcher may take the endpoint.
   *
   * Endpoint by endpoint (a lateral read per held endpoint, on its due deliveries only), so that a
   * slow endpoint's backlog never fills the batch and starves the others. A delivery is due only
   * when no delivery before it for the same endpoint and contact is pending (per-contact order):
   * the first of that endpoint and contact's pending deliveries, asked per candidate (a scalar
   * subquery) of `ix_webhook_deliveries_order`, the one index keyed by its expression: with the
   * statistics of a table that grew since it was analysed, PostgreSQL answered it through another
   * index and read the endpoint's whole backlog for every candidate, 40–800 ms per claim in the
   * events benchmark (see migration OrderProbeIndexes). A delivery in flight is still pending:
   * the next of its contact waits for its outcome.
   */
  async claim(
    dispatcher: string,
    now: Date,
    { holdMs, renewMs, safeMs }: { holdMs: number; renewMs: number; safeMs: number },
    limit: number,
    room: (endpointId: string) => number,
    {
      busy = [],
      sending = [],
      perEndpoint,
      scope,
    }: {
      busy?: string[];
      sending?: string[];
      perEndpoint: number;
      scope?: { workspaceId: string };
    },
  ): Promise<ClaimedWebhook[]> {
    // `held` takes the holds (its changes are not visible to the rest of the statement, which
    // reads the endpoints as they were: hence the union of the two).
    const candidates = await this.dataSource.query<ClaimedWebhook[]>(
      `WITH held AS (
         UPDATE webhook_endpoints e SET dispatcher_id = $1, dispatch_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
           FROM ${ASYNC_COMMIT}
          WHERE e.enabled AND ($9::varchar IS NULL OR e.workspace_id = $9)
            AND (e.dispatch_until IS NULL OR e.dispatch_until <= $2 OR (e.dispatcher_id = $1 AND e.dispatch_until <= $2::timestamptz + make_interval(secs => $4::double precision / 1000)))
            AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= $2)
          RETURNING e.id)
       SELECT c.id, e.id AS endpoint_id, c.event_id, c.body::text AS body, c.attempts + 1 AS attempts, c.created_at,
              e.url, e.secret, e.previous_secret, e.previous_secret_expires_at
         FROM webhook_endpoints e
        CROSS JOIN LATERAL (
          SELECT d.id, d.event_id, d.body, d.attempts, d.created_at, d.next_attempt_at, d.seq FROM webhook_deliveries d
           WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= $2 AND d.id <> ALL($7::uuid[])
             AND d.seq = (SELECT p.seq FROM webhook_deliveries p
                           WHERE (p.endpoint_id || ':' || p.contact_id) = (d.endpoint_id || ':' || d.contact_id) AND p.status = 'pending'
                           ORDER BY p.seq LIMIT 1)
           ORDER BY d.next_attempt_at
           LIMIT $6) c
        WHERE e.enabled AND e.id <> ALL($8::varchar[]) AND ($9::varchar IS NULL OR e.workspace_id = $9)
          AND (e.id IN (SELECT id FROM held)
               OR (e.dispatcher_id = $1 AND e.dispatch_until > $2::timestamptz + make_interval(secs => $5::double precision / 1000)))
        ORDER BY c.next_attempt_at, c.seq
        LIMIT $10`,
      [
        dispatcher,
        now,
        holdMs,
        renewMs,
        safeMs,
        perEndpoint,
        sending,
        busy,
        scope?.workspaceId ?? null,
        limit * 2,
      ],
    );
    const taken = new Map<string, number>();
    const claimed: ClaimedWebhook[] = [];
    for (const delivery of candidates) {
      const count = taken.get(delivery.endpoint_id) ?? 0;
      if (count >= room(delivery.endpoint_id) || claimed.length >= limit) continue;
      taken.set(delivery.endpoint_id, count + 1);
      claimed.push(delivery);
    }
    return claimed;
  }

  /** Lets go of the endpoints this dispatcher holds (it is stopping): another may take them at once. */
  async releaseEndpoints(dispatcher: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_endpoints SET dispatcher_id = NULL, dispatch_until = NULL WHERE dispatcher_id = $1`,
      [dispatcher],
    );
  }

  /**
   * Records attempts' outcomes in two statements (the deliveries, then their log), each only
   * while the delivery is still pending with the attempts before this one (an attempt is recorded
   * once) and still exists.
   */
  async record(outcomes: AttemptOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      // The update locks the deliveries it records: the log rows below cannot lose them to a
      // concurrent delete of their endpoint, and a delivery deleted already is skipped, not an
      // error that would lose the whole batch.
      const [updated]: [{ id: string }[], number] = await manager.query(
        `UPDATE webhook_deliveries d
            SET status = o.status, next_attempt_at = o.next_attempt_at, attempts = o.attempts,
                last_status_code = o.status_code, last_error = o.error,
                delivered_at = CASE WHEN o.status = 'delivered' THEN o.attempted_at ELSE d.delivered_at END
           FROM unnest($1::uuid[], $2::int[], $3::varchar[], $4::timestamptz[], $5::int[], $6::varchar[], $7::timestamptz[])
                AS o(id, attempts, status, next_attempt_at, status_code, error, attempted_at), ${ASYNC_COMMIT}
          WHERE d.id = o.id AND d.attempts = o.attempts - 1 AND d.status = 'pending'
          RETURNING d.id`,
        [
          outcomes.map((o) => o.id),
          outcomes.map((o) => o.attempts),
          outcomes.map((o) => o.status),
          outcomes.map((o) => o.nextAttemptAt),
          outcomes.map((o) => o.statusCode),
          outcomes.map((o) => o.error),
          outcomes.map((o) => o.attemptedAt),
        ],
      );
      const recorded = new Set(updated.map((row) => row.id));
      const logged = outcomes.filter((o) => recorded.has(o.id));
      if (logged.length === 0) return;
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, latency_ms, error)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::varchar[])`,
        [
          logged.map((o) => o.id),
          logged.map((o) => o.attemptedAt),
          logged.map((o) => o.statusCode),
          logged.map((o) => o.latencyMs),
          logged.map((o) => o.error),
        ],
      );
    });
  }

  /** An endpoint's deliveries, newest first, after the delivery `beforeSeq` (exclusive), with their attempts. */
  async page(
    endpointId: string,
    beforeSeq: string | null,
    limit: number,
    status?: string,
  ): Promise<DeliveryRow[]> {
    return this.dataSource.query<DeliveryRow[]>(
      `SELECT d.id, d.seq::text AS seq, d.event_id, d.event_type, d.contact_id, d.status, d.attempts, d.next_attempt_at,
              d.last_status_code, d.last_error, d.created_at, d.delivered_at,
              coalesce((SELECT jsonb_agg(jsonb_build_object('attemptedAt', a.attempted_at, 'statusCode', a.status_code,
                                                           'latencyMs', a.latency_ms, 'error', a.error) ORDER BY a.attempted_at DESC, a.id DESC)
                          FROM (SELECT * FROM webhook_attempts WHERE delivery_id = d.id ORDER BY attempted_at DESC, id DESC LIMIT 10) a), '[]') AS log
         FROM webhook_deliveries d
        WHERE d.endpoint_id = $1 AND ($2::bigint IS NULL OR d.seq < $2) AND ($4::varchar IS NULL OR d.status = $4)
        ORDER BY d.seq DESC
        LIMIT $3`,
      [endpointId, beforeSeq, limit, status ?? null],
    );
  }

  /**
   * Makes a delivery due again now (delivered, parked, or waiting out a backoff), for one more
   * attempt. False when there is none, or when it is due already (waiting for its turn, or being
   * sent right now).
   */
  async retry(endpointId: string, deliveryId: string, now: Date): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $3
        WHERE endpoint_id = $1 AND id = $2 AND (status <> 'pending' OR next_attempt_at > $3)`,
      [endpointId, deliveryId, now],
    );
    return count > 0;
  }

  /** Whether the endpoint has this delivery. */
  async exists(endpointId: string, deliveryId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND id = $2`,
      [endpointId, deliveryId],
    );
    return rows.length > 0;
  }

  /**
   * An erasure: the contact's deliveries keep what identifies the event, nothing of the
   * contact; pending ones still go out, saying only that the contact changed.
   */
  async erase(manager: EntityManager, workspaceId: string, contactId: string): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries
          SET body = jsonb_set(body, '{data}', jsonb_build_object('eventId', body->'data'->'eventId', 'workspaceId', workspace_id,
                                                                  'contactId', contact_id, 'occurredAt', body->'data'->'occurredAt',
                                                                  'sequence', body->'data'->'sequence'))
        WHERE workspace_id = $1 AND contact_id = $2`,
      [workspaceId, contactId],
    );
  }

  /** Deletes up to `limit` deliveries done (delivered or parked) before `before`, with their attempts. */
  async purgeDone(before: Date, limit: number): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT id FROM webhook_deliveries WHERE created_at < $1 AND status <> 'pending' ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    );
    return count;
  }

  /** Deliveries parked as failed, oldest first, with their endpoint (for the CLI). */
  parked(limit: number): Promise<
    {
      id: string;
      endpoint_id: string;
      url: string;
      event_type: string;
      contact_id: string;
      attempts: number;
      last_error: string | null;
      created_at: Date;
    }[]
  > {
    return this.dataSource.query(
      `SELECT d.id, d.endpoint_id, e.url, d.event_type, d.contact_id, d.attempts, d.last_error, d.created_at
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.status = 'failed' ORDER BY d.created_at LIMIT $1`,
      [limit],
    );
  }
}
