import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ContactsRepository, type PageResult } from '../contacts.repository';

/** A search total is remembered from this many matches (below, counting again costs little). */
export const REMEMBERED_TOTAL_MIN = 1000;
/** Search totals remembered per instance (a few bytes each). */
const REMEMBERED_TOTALS_MAX = 1000;
/** How long a workspace's size steers its searches before it is read again. */
const WORKSPACE_SIZE_TTL_MS = 60_000;
const WORKSPACE_SIZES_MAX = 10_000;
/**
 * A search filters by workspace inside the trigram index when the workspace holds less than this
 * share of all contacts. A workspace holding most of the table gains nothing from it and pays for
 * it: the index must walk the workspace's whole posting list (measured at a million contacts out
 * of 1.5 million: a 7-digit phone search took 5–6 ms filtered in the index, 1.3–2.5 ms filtered
 * afterwards; see docs/performance.md), while a small workspace must not fetch every other
 * tenant's matches.
 */
const SCOPED_SEARCH_BELOW_SHARE = 0.5;

/** How one page of a search is read. */
export type SearchShape =
  /** The page lies past a remembered total: only the workspace's `changes` is read, to check it. */
  | { kind: 'past-end' }
  /** The workspace in listing order, at most `scan` rows, with the remembered total checked. */
  | { kind: 'ordered'; scan: number }
  /** Every match counted, and the page taken from them, in one pass. */
  | { kind: 'counted'; scoped: boolean };

export interface SearchSituation {
  offset: number;
  limit: number;
  /** Contacts in the workspace. */
  contacts: number;
  /** Whether the workspace's searches filter by workspace inside the index. */
  scoped: boolean;
  /** The search's total, when it is remembered. */
  knownTotal?: number;
}

/** Whether a workspace of `contacts` filters its searches inside the index (table: ~`tableRows`). */
export function searchScopedInIndex(contacts: number, tableRows: number): boolean {
  return contacts / Math.max(contacts, tableRows, 1) < SCOPED_SEARCH_BELOW_SHARE;
}

/**
 * The rows a listing-order read may go through for a page ending at `end` of a search with
 * `total` matches among `contacts`: four times what it should take, or `total`, whichever is
 * more (the newest contacts may match less often than the rest, after an import), plus 1,000.
 */
export function orderedScanBound(end: number, contacts: number, total: number): number {
  return Math.max(Math.ceil((4 * end * contacts) / Math.max(total, 1)), total) + 1000;
}

/**
 * The decision rule. Reading in listing order costs about (offset + limit) × contacts / total
 * rows; counting the matches again costs about `total` (rows fetched in random order, so dearer
 * each). Without a remembered total there is nothing to read in order against: count.
 */
export function chooseSearchShape({
  offset,
  limit,
  contacts,
  scoped,
  knownTotal,
}: SearchSituation): SearchShape {
  if (knownTotal === undefined) return { kind: 'counted', scoped };
  if (offset >= knownTotal) return { kind: 'past-end' };
  const end = offset + limit;
  if (end * contacts < knownTotal ** 2) {
    return { kind: 'ordered', scan: orderedScanBound(end, contacts, knownTotal) };
  }
  return { kind: 'counted', scoped };
}

/**
 * Reads a page of a search (SPEC §4) at a million contacts without counting every match on
 * every page: a large total is remembered with the workspace's `changes` it was counted at, and
 * while `changes` has not moved (checked in the page's own snapshot) the next pages are read in
 * listing order. Only the shape of the read depends on what is remembered, never its result: a
 * total that no longer holds is counted again.
 */
@Injectable()
export class ContactSearchPlanner {
  /**
   * By workspace and a hash of the search (a search may be a person's email or number: it is not
   * kept, so an erasure leaves nothing here), with the `changes` they were counted at; least
   * recently used first.
   */
  private readonly totals = new Map<string, { changes: string; total: number }>();
  private readonly sizes = new Map<string, { contacts: number; scoped: boolean; until: number }>();
  /**
   * The counts running now, by the same key: a request for a search that another request is
   * counting waits for that count's total instead of counting at the same time. Sixteen requests
   * counting a common name at once (100,000 matches, 1.2 s alone on a slow machine) each ran past
   * the statement timeout, so no total was ever remembered and every request counted again.
   */
  private readonly counting = new Map<string, Promise<unknown>>();

  constructor(private readonly contacts: ContactsRepository) {}

  async page(
    workspaceId: string,
    search: string,
    offset: number,
    limit: number,
  ): Promise<PageResult> {
    const key = `${workspaceId}:${createHash('sha256').update(search).digest('base64url')}`;
    const { contacts, scoped } = await this.workspaceSize(workspaceId);
    // A search without a total that holds waits (once) for the count another request is running,
    // and reads against its total instead of counting at the same time: whether it was never
    // counted or a write has just made its total stale. A count's outcome is its own request's
    // to report; waiting only decides what is remembered. At most one wait and two reads.
    for (let waited = false, retried = false; ;) {
      const known = this.totals.get(key);
      const running = known ? undefined : this.counting.get(key);
      if (running && !waited) {
        waited = true;
        await running.catch(() => undefined);
        continue;
      }
      const shape = chooseSearchShape({
        offset,
        limit,
        contacts,
        scoped,
        knownTotal: known?.total,
      });
      if (!known || shape.kind === 'counted') break;
      const { items, changes } =
        shape.kind === 'past-end'
          ? { items: [], changes: await this.contacts.changes(workspaceId) }
          : await this.contacts.orderedSearch(workspaceId, search, offset, limit, shape.scan);
      const complete = items.length === Math.min(limit, Math.max(0, known.total - offset));
      if (changes === known.changes && complete) {
        this.totals.delete(key); // most recently used last
        this.totals.set(key, known);
        return { items, total: known.total };
      }
      // Changed since it was counted, or its matches are not where the total suggests: forget it
      // (unless another request has remembered a newer one meanwhile) and look again, once.
      if (this.totals.get(key) === known) this.totals.delete(key);
      if (retried) break;
      retried = true;
    }

    const count = this.contacts.countedSearch(workspaceId, search, offset, limit, scoped);
    if (!this.counting.has(key)) {
      this.counting.set(key, count);
      void count
        .finally(() => {
          if (this.counting.get(key) === count) this.counting.delete(key);
        })
        .catch(() => undefined);
    }
    const { items, total, changes } = await count;
    if (total >= REMEMBERED_TOTAL_MIN && changes !== undefined) {
      this.remember(key, { changes, total });
    }
    return { items, total };
  }

  private remember(key: string, known: { changes: string; total: number }): void {
    if (this.totals.size >= REMEMBERED_TOTALS_MAX) {
      const oldest = this.totals.keys().next().value;
      if (oldest !== undefined) this.totals.delete(oldest);
    }
    this.totals.set(key, known);
  }

  /**
   * The workspace's contacts, and whether its searches filter by workspace inside the index (from
   * its share of the table), kept for a minute: they steer how a search reads, never what it finds.
   */
  private async workspaceSize(workspaceId: string): Promise<{ contacts: number; scoped: boolean }> {
    const known = this.sizes.get(workspaceId);
    if (known && known.until > Date.now()) return known;
    const { contacts, tableRows } = await this.contacts.workspaceSize(workspaceId);
    const size = {
      contacts,
      scoped: searchScopedInIndex(contacts, tableRows),
      until: Date.now() + WORKSPACE_SIZE_TTL_MS,
    };
    if (this.sizes.size >= WORKSPACE_SIZES_MAX) this.sizes.clear();
    this.sizes.set(workspaceId, size);
    return size;
  }
}
