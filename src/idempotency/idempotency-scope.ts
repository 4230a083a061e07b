import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import type { StoredResponse } from './idempotency-key.entity';

/** Turns the result of a route's write transaction into the answer the route gives. */
export type RenderResponse = (result: unknown) => StoredResponse;

/** Stores an answer for the key, with the write's transaction; false when the claim was lost. */
export type CompleteKey = (manager: EntityManager, response: StoredResponse) => Promise<boolean>;

const storage = new AsyncLocalStorage<IdempotencyScope>();

export function keyInUse(): DomainException {
  return new DomainException(
    ErrorCode.IdempotencyKeyInUse,
    'A request with this Idempotency-Key is still running: retry after the time in Retry-After',
    undefined,
    { 'retry-after': '1' },
  );
}

/**
 * One request under an Idempotency-Key (SPEC §11), for the length of the request. The first write
 * transaction of the request stores the request's answer in itself (`capture`), so the write and
 * its answer commit together: a retry after a crash between the commit and the answer replays it.
 */
export class IdempotencyScope {
  /** The answer stored with the write, once that transaction has committed. */
  committed: StoredResponse | null = null;
  private capturing = false;

  constructor(
    private readonly render: RenderResponse,
    private readonly complete: CompleteKey,
  ) {}

  /** The scope of the request being served, if it has an Idempotency-Key. */
  static current(): IdempotencyScope | undefined {
    return storage.getStore();
  }

  /** Runs `work` (the request's handler) in this scope. */
  run<T>(work: () => T): T {
    return storage.run(this, work);
  }

  /** Runs `work` outside any scope: what it starts (the outbox's deliveries) is not the request's. */
  static outside<T>(work: () => T): T {
    return storage.exit(work);
  }

  /**
   * Inside a top-level write transaction, before its commit: stores the answer rendered from the
   * transaction's result, once per request. Returns what to call after the commit, or nothing
   * when another transaction of the request took the capture. A claim lost meanwhile (another
   * request took the key over) fails the transaction: nothing is written twice.
   */
  async capture(manager: EntityManager, result: unknown): Promise<(() => void) | undefined> {
    if (this.capturing) return undefined;
    this.capturing = true;
    const response = this.render(result);
    if (!(await this.complete(manager, response))) throw keyInUse();
    return () => {
      this.committed = response;
    };
  }

  /** The transaction that captured rolled back: the next one may capture. */
  rolledBack(): void {
    if (this.committed === null) this.capturing = false;
  }
}
