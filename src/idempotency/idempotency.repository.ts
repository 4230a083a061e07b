import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { ASYNC_COMMIT } from '../database/async-commit';
import { IdempotencyKeyEntity, type StoredResponse } from './idempotency-key.entity';

/** How long a key is kept (SPEC §11). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * How long a running request's claim holds. A request that outlives it (its instance died before
 * committing) lets a retry take the key over; one that is still alive cannot complete a key it
 * lost (its write rolls back).
 */
export const IDEMPOTENCY_LEASE_SECONDS = 60;
/** The fingerprint of a key whose answer was erased with a contact: any retry gets that answer. */
export const ERASED_FINGERPRINT = 'erased';

/** What claiming a key for a request found. */
export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_use' }
  | { kind: 'reused' };

/** Every statement on `idempotency_keys`. */
@Injectable()
export class IdempotencyRepository {
  constructor(
    @InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>,
  ) {}

  /**
   * Claims `key` for a request (`fingerprint`) with `token`, in one statement: a new key, an
   * expired one, or one whose claim ran out on the same request is taken; otherwise the key's
   * state says what to answer.
   *
   * The claim commits without waiting for the disk (ASYNC_COMMIT): other requests see it at once
   * all the same, and nothing that depends on it can outlive it. The write it guards and the
   * stored answer commit durably after it, and WAL is flushed in order, so once they are on disk
   * the claim is too; if PostgreSQL itself crashes before that, the claim and the write are lost
   * together and the client's retry claims the key afresh, as it should.
   */
  async claim(
    workspaceId: string,
    key: string,
    fingerprint: string,
    token: string,
  ): Promise<Claim> {
    const taken = await this.keys.query<{ token: string }[]>(
      `INSERT INTO idempotency_keys (workspace_id, key, fingerprint, token, state, locked_until, created_at, expires_at)
       SELECT $1, $2, $3, $4, 'running', now() + make_interval(secs => $5), now(), now() + make_interval(secs => $6)
         FROM ${ASYNC_COMMIT}
       ON CONFLICT (workspace_id, key) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, token = EXCLUDED.token, state = 'running', locked_until = EXCLUDED.locked_until,
              created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
              response_status = NULL, response_headers = NULL, response_body = NULL
        WHERE idempotency_keys.expires_at <= now()
           OR (idempotency_keys.state = 'running' AND idempotency_keys.locked_until <= now()
               AND idempotency_keys.fingerprint = EXCLUDED.fingerprint)
       RETURNING token`,
      [workspaceId, key, fingerprint, token, IDEMPOTENCY_LEASE_SECONDS, IDEMPOTENCY_TTL_SECONDS],
    );
    if (taken[0]?.token === token) return { kind: 'claimed' };
    const existing = await this.keys.findOneBy({ workspaceId, key });
    if (!existing) return { kind: 'in_use' }; // purged between the two statements: a retry claims it
    if (
      existing.state === 'done' &&
      (existing.fingerprint === fingerprint || existing.fingerprint === ERASED_FINGERPRINT)
    ) {
      return {
        kind: 'replay',
        response: {
          status: existing.responseStatus ?? 200,
          headers: existing.responseHeaders ?? {},
          body: existing.responseBody,
        },
      };
    }
    return existing.fingerprint === fingerprint ? { kind: 'in_use' } : { kind: 'reused' };
  }

  /**
   * Stores the answer of the claim `token` and marks the key done, with `manager` (the write's
   * own transaction, or none); false when the claim was lost (the key is another request's now).
   */
  async complete(
    manager: EntityManager | undefined,
    workspaceId: string,
    key: string,
    token: string,
    response: StoredResponse,
  ): Promise<boolean> {
    const [, count]: [unknown, number] = await (manager ?? this.keys.manager).query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $4, response_headers = $5, response_body = $6
        WHERE workspace_id = $1 AND key = $2 AND token = $3`,
      [
        workspaceId,
        key,
        token,
        response.status,
        JSON.stringify(response.headers),
        JSON.stringify(response.body ?? null),
      ],
    );
    return count === 1;
  }

  /** Gives the key up (the request failed before writing anything): a retry runs afresh. */
  async release(workspaceId: string, key: string, token: string): Promise<void> {
    await this.keys.query(
      `DELETE FROM idempotency_keys WHERE workspace_id = $1 AND key = $2 AND token = $3 AND state = 'running'`,
      [workspaceId, key, token],
    );
  }

  /** Deletes up to `limit` expired keys; how many went. */
  async purgeExpired(limit: number): Promise<number> {
    const [, count]: [unknown, number] = await this.keys.query(
      `DELETE FROM idempotency_keys WHERE (workspace_id, key) IN (
         SELECT workspace_id, key FROM idempotency_keys WHERE expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)`,
      [limit],
    );
    return count;
  }

  /**
   * Every stored answer of the workspace that names the contact loses what it said of it (an
   * erasure): an answer with `results` (a batch) has each result naming it replaced by
   * `replacement`'s error, the others kept; any other answer is replaced whole. The request's
   * fingerprint is forgotten (it is a hash of the contact's data): any retry with the key replays.
   */
  async replaceAnswersNaming(
    manager: EntityManager,
    workspaceId: string,
    contactId: string,
    replacement: StoredResponse,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys
          SET fingerprint = $3,
              response_status = CASE WHEN jsonb_typeof(response_body->'results') = 'array' THEN response_status ELSE $4 END,
              response_headers = CASE WHEN jsonb_typeof(response_body->'results') = 'array' THEN response_headers ELSE $5 END,
              response_body = CASE WHEN jsonb_typeof(response_body->'results') = 'array'
                THEN jsonb_set(response_body, '{results}', (
                  SELECT jsonb_agg(CASE WHEN strpos(r::text, $2) > 0
                                        THEN jsonb_build_object('index', r->'index', 'status', $4::int, 'error', $6::jsonb) ELSE r END
                                   ORDER BY n)
                    FROM jsonb_array_elements(response_body->'results') WITH ORDINALITY AS e(r, n)))
                ELSE $6 END
        WHERE workspace_id = $1 AND state = 'done' AND strpos(response_body::text, $2) > 0`,
      [
        workspaceId,
        `"${contactId}"`,
        ERASED_FINGERPRINT,
        replacement.status,
        JSON.stringify(replacement.headers),
        JSON.stringify(replacement.body),
      ],
    );
  }
}
