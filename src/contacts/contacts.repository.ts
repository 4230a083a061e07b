import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { ContactEntity } from './entities/contact.entity';
import {
  CONTACT_COLUMN_NAMES,
  CONTACT_COLUMNS,
  type ContactRow,
  changesSql,
  countedSearchSql,
  FIND_BY_ID_SQL,
  keysetSql,
  type ListPosition,
  listSql,
  orderedSearchSql,
  rowsToContacts,
  rowToContact,
  SqlParams,
  WORKSPACE_SIZE_SQL,
} from './contacts.sql';

/**
 * Every statement on `contacts` (and on its per-workspace counters); the column list, the row
 * mapping and the list and search builders are in contacts.sql.ts. The service above holds the
 * rules; the benchmark (bench/run.ts) times and EXPLAINs these same statements. Every statement
 * takes the workspace first (`$1`): nothing here reads across tenants. Reads see live contacts
 * only (not deleted), unless their name says otherwise.
 */
@Injectable()
export class ContactsRepository {
  constructor(
    @InjectRepository(ContactEntity) private readonly contacts: Repository<ContactEntity>,
  ) {}

  /** The contact, or null. One parameterised statement, mapped like a list page. */
  async findById(workspaceId: string, id: string): Promise<ContactEntity | null> {
    const rows = await this.contacts.query<ContactRow[]>(FIND_BY_ID_SQL, [workspaceId, id]);
    return rowsToContacts(rows)[0] ?? null;
  }

  /** The manager of this repository's connection (reads outside any transaction of the caller's). */
  manager(): EntityManager {
    return this.contacts.manager;
  }

  /** These contacts, whatever their state, locked in id order (so that crossing merges queue) when `lock`. */
  async findManyIncludingDeleted(
    manager: EntityManager,
    workspaceId: string,
    ids: string[],
    lock: boolean,
  ): Promise<ContactEntity[]> {
    const rows = await manager.query<ContactRow[]>(
      `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.workspace_id = $1 AND c.id = ANY($2::text[]) ORDER BY c.id${lock ? ' FOR UPDATE' : ''}`,
      [workspaceId, ids],
    );
    return rowsToContacts(rows);
  }

  /**
   * Where a merged contact went: the live end of its chain of merges (A into B, B into C: C), or
   * null when the contact was not merged, or when that end has been erased (then it is gone).
   */
  async mergedInto(
    workspaceId: string,
    id: string,
    manager: EntityManager = this.contacts.manager,
  ): Promise<string | null> {
    const rows = await manager.query<{ merged_into: string; erased: boolean }[]>(
      `WITH RECURSIVE chain AS (
         SELECT merged_into, 1 AS depth FROM contacts WHERE workspace_id = $1 AND id = $2 AND merged_into IS NOT NULL
         UNION ALL
         SELECT c.merged_into, chain.depth + 1 FROM chain JOIN contacts c ON c.workspace_id = $1 AND c.id = chain.merged_into
          WHERE c.merged_into IS NOT NULL AND chain.depth < 20)
       SELECT chain.merged_into, t.erased_at IS NOT NULL AS erased
         FROM chain JOIN contacts t ON t.workspace_id = $1 AND t.id = chain.merged_into
        ORDER BY depth DESC LIMIT 1`,
      [workspaceId, id],
    );
    return rows[0] && !rows[0].erased ? rows[0].merged_into : null;
  }

  /** Every contact merged into this one, directly or through a chain, not erased yet. */
  async mergedSources(
    manager: EntityManager,
    workspaceId: string,
    id: string,
  ): Promise<ContactEntity[]> {
    const rows = await manager.query<ContactRow[]>(
      `WITH RECURSIVE merged AS (
         SELECT id, 1 AS depth FROM contacts WHERE workspace_id = $1 AND merged_into = $2
         UNION ALL
         SELECT c.id, merged.depth + 1 FROM merged JOIN contacts c ON c.workspace_id = $1 AND c.merged_into = merged.id
          WHERE merged.depth < 20)
       SELECT ${CONTACT_COLUMNS} FROM contacts c
        WHERE c.workspace_id = $1 AND c.id IN (SELECT id FROM merged) AND c.erased_at IS NULL
        ORDER BY c.id FOR UPDATE`,
      [workspaceId, id],
    );
    return rowsToContacts(rows);
  }

  /** The contact, live or deleted (not erased), or null. */
  findIncludingDeleted(workspaceId: string, id: string): Promise<ContactEntity | null> {
    return this.contacts.findOneBy({ workspaceId, id, erasedAt: IsNull() });
  }

  /**
   * The live contact that holds this phone (canonical E.164), as its phone or an additional one,
   * and the field it sits in; null when none (inside `manager`'s transaction if given).
   *
   * With `share`, the contact is locked FOR SHARE until that transaction ends, so a merge or a
   * delete of it waits for the caller's writes (a message) and then takes them along. When it was
   * merged or deleted while we waited, the locked row no longer qualifies: the number is looked up
   * again, now finding the contact that holds it after that change.
   */
  async findByPhone(
    workspaceId: string,
    phone: string,
    manager: EntityManager = this.contacts.manager,
    share = false,
  ): Promise<{ contact: ContactEntity; field: string } | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows = await manager.query<(ContactRow & { __field: string })[]>(
        `SELECT i.field AS __field, ${CONTACT_COLUMNS} FROM contact_identities i
           JOIN contacts c ON c.workspace_id = i.workspace_id AND c.id = i.contact_id
          WHERE i.workspace_id = $1 AND i.kind = 'phone' AND i.value = $2 AND c.deleted_at IS NULL${share ? ' FOR SHARE OF c' : ''}`,
        [workspaceId, phone],
      );
      const [contact] = rowsToContacts(rows);
      if (contact) return { contact, field: rows[0].__field };
      if (!share) return null;
      const [owner] = await this.findIdentityOwners(workspaceId, [phone], [], manager);
      if (!owner) return null;
    }
    return null;
  }

  /** The live contacts of the workspace that hold any of these phones and emails, and where. */
  findIdentityOwners(
    workspaceId: string,
    phones: string[],
    emails: string[],
    manager: EntityManager = this.contacts.manager,
  ): Promise<{ kind: 'phone' | 'email'; value: string; contactId: string; field: string }[]> {
    return manager.query(
      `SELECT kind, value, contact_id AS "contactId", field FROM contact_identities
        WHERE workspace_id = $1 AND ((kind = 'phone' AND value = ANY($2::text[])) OR (kind = 'email' AND value = ANY($3::text[])))`,
      [workspaceId, phones, emails],
    );
  }

  /** The live contact, locked until `manager`'s transaction ends, or null. */
  findForUpdate(
    manager: EntityManager,
    workspaceId: string,
    id: string,
  ): Promise<ContactEntity | null> {
    return manager.findOne(ContactEntity, {
      where: { workspaceId, id, deletedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The contact, live or deleted (not erased), locked until `manager`'s transaction ends, or null. */
  findAnyForUpdate(
    manager: EntityManager,
    workspaceId: string,
    id: string,
  ): Promise<ContactEntity | null> {
    return manager.findOne(ContactEntity, {
      where: { workspaceId, id, erasedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Whether the contact exists, live or deleted (not erased): its history can be read. */
  async existsWithHistory(workspaceId: string, id: string): Promise<boolean> {
    return this.contacts.existsBy({ workspaceId, id, erasedAt: IsNull() });
  }

  /**
   * Turns the contact into a tombstone: every personal value gone, `erasedAt` and the request
   * kept (SPEC §9). It stays deleted; its id keeps conversations and messages linked.
   */
  async tombstone(
    manager: EntityManager,
    workspaceId: string,
    id: string,
    at: Date,
    requestId: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE contacts SET first_name = '', last_name = NULL, phone = NULL, email = NULL, company = NULL,
              job_title = NULL, website = NULL, notes = NULL, tags = '{}', lifecycle = NULL,
              additional_phones = '{}', additional_emails = '{}',
              deleted_at = coalesce(deleted_at, $3), erased_at = $3, erase_request_id = $4,
              updated_at = $3, version = version + 1
        WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, at, requestId],
    );
  }

  /**
   * Deletes (`deleted`) or restores the contact in one statement: locks it (live, for a delete;
   * live or deleted but not erased, for a restore) and, if the change applies to it (live, or
   * deleted and not merged, respectively) and it is at one of `ifMatch`'s versions when given,
   * sets `deleted_at`, moves `updated_at` to `notBefore` or 1 ms past its last value, whichever
   * is later, and counts a version. Null when there is no such contact; `after` null when it is
   * there and the change does not apply (the caller tells why from `before`).
   */
  async setDeleted(
    manager: EntityManager,
    workspaceId: string,
    id: string,
    { deleted, notBefore, ifMatch }: { deleted: boolean; notBefore: Date; ifMatch?: number[] },
  ): Promise<LifecycleChange | null> {
    const [row] = await manager.query<
      (ContactRow & { __at: Date | null; __version: number | null })[]
    >(
      `WITH o AS (
         SELECT ${CONTACT_COLUMNS} FROM contacts c
          WHERE c.workspace_id = $1 AND c.id = $2 AND ${deleted ? 'c.deleted_at IS NULL' : 'c.erased_at IS NULL'}
          FOR UPDATE),
       u AS (
         UPDATE contacts c
            SET deleted_at = CASE WHEN $3::boolean THEN n.at END, updated_at = n.at, version = c.version + 1
           FROM o, LATERAL (SELECT greatest($4::timestamptz, o."updatedAt" + interval '1 millisecond') AS at) n
          WHERE c.workspace_id = $1 AND c.id = $2 AND (o."deletedAt" IS NULL) = $3::boolean AND o."mergedInto" IS NULL
            AND ($5::int[] IS NULL OR c.version = ANY($5::int[]))
         RETURNING c.updated_at, c.version)
       SELECT o.*, u.updated_at AS __at, u.version AS __version FROM o LEFT JOIN u ON true`,
      [workspaceId, id, deleted, notBefore, ifMatch ?? null],
    );
    const before = row && rowToContact(row);
    if (!before) return null;
    const after =
      row.__at !== null && row.__version !== null
        ? { updatedAt: row.__at, version: row.__version }
        : null;
    return { before, after };
  }

  /** Deleted contacts past their retention, oldest first, locked (skipping what another instance holds). */
  async deletedBefore(
    manager: EntityManager,
    before: Date,
    limit: number,
  ): Promise<Pick<ContactEntity, 'workspaceId' | 'id'>[]> {
    return manager.query(
      `SELECT workspace_id AS "workspaceId", id FROM contacts
        WHERE deleted_at < $1 AND erased_at IS NULL
        ORDER BY deleted_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [before, limit],
    );
  }

  /** Inserts contacts in one statement (the triggers fill identities, counters and the feed per statement). */
  async insert(manager: EntityManager, contacts: ContactEntity[]): Promise<void> {
    await manager.insert(ContactEntity, contacts);
  }

  async update(
    manager: EntityManager,
    workspaceId: string,
    id: string,
    values: Partial<ContactEntity>,
  ): Promise<void> {
    await manager.update(ContactEntity, { workspaceId, id }, values);
  }

  /**
   * Writes `properties` of several contacts of the workspace in one statement, each from its own
   * values (a contact at most once). The rows arrive as one JSON array read into the table's own
   * row type, so every column keeps its type; the triggers run once per row as for single updates.
   */
  async updateMany(
    manager: EntityManager,
    workspaceId: string,
    contacts: readonly ContactEntity[],
    properties: readonly Exclude<keyof ContactEntity, 'workspace'>[],
  ): Promise<void> {
    if (contacts.length === 0) return;
    const columns = properties.map((property) => CONTACT_COLUMN_NAMES[property]);
    const rows = contacts.map((contact) => {
      const row: Record<string, unknown> = { id: contact.id };
      properties.forEach((property, i) => (row[columns[i]] = contact[property]));
      return row;
    });
    await manager.query(
      `UPDATE contacts c SET ${columns.map((column) => `${column} = v.${column}`).join(', ')}
         FROM jsonb_populate_recordset(NULL::contacts, $2::jsonb) AS v
        WHERE c.workspace_id = $1 AND c.id = v.id`,
      [workspaceId, JSON.stringify(rows)],
    );
  }

  /** A page of the whole workspace, newest first, with its exact total (the maintained counters). */
  async pageOfAll(workspaceId: string, offset: number, limit: number): Promise<PageResult> {
    const sql = new SqlParams(workspaceId);
    const rows = await this.contacts.query<ContactRow[]>(listSql(sql, limit, offset), sql.values);
    return { items: rowsToContacts(rows), total: Number(rows[0]?.__total ?? 0) };
  }

  /**
   * The `limit` contacts after `position` in listing order (newest first), or from the start;
   * matching `search` when given. Keyset: the cost of a page does not grow with its depth.
   */
  async pageAfter(
    workspaceId: string,
    position: ListPosition | null,
    limit: number,
    search?: string,
  ): Promise<ContactEntity[]> {
    const sql = new SqlParams(workspaceId);
    const rows = await this.contacts.query<ContactRow[]>(
      keysetSql(sql, position, limit, search),
      sql.values,
    );
    return rowsToContacts(rows);
  }

  /**
   * The workspace's changes after `position` in the feed's order, only of settled transactions
   * (see the migration ContactChanges), each with the contact as it is now when it is live.
   */
  async changesAfter(
    workspaceId: string,
    position: FeedPosition | null,
    limit: number,
  ): Promise<ContactChange[]> {
    const sql = new SqlParams(workspaceId);
    const after = position
      ? `AND (ch.xid, ch.seq) > (${sql.add(position.xid)}::xid8, ${sql.add(position.seq)}::bigint)`
      : '';
    const rows = await this.contacts.query<
      (ContactRow & {
        __xid: string;
        __seq: string;
        __type: ContactChangeType;
        __contact_id: string;
        __occurred_at: Date;
      })[]
    >(
      `SELECT ch.xid::text AS __xid, ch.seq::text AS __seq, ch.type AS __type, ch.contact_id AS __contact_id, ch.occurred_at AS __occurred_at,
              ${CONTACT_COLUMNS}
         FROM contact_changes ch
         LEFT JOIN contacts c ON c.workspace_id = ch.workspace_id AND c.id = ch.contact_id AND c.deleted_at IS NULL
        WHERE ch.workspace_id = $1 ${after} AND ch.xid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY ch.xid, ch.seq LIMIT ${sql.add(limit)}::bigint`,
      sql.values,
    );
    return rows.map((row) => ({
      position: { xid: row.__xid, seq: row.__seq },
      type: row.__type,
      contactId: row.__contact_id,
      occurredAt: row.__occurred_at,
      contact: rowToContact(row),
    }));
  }

  /**
   * Compacts the change feed: deletes the changes of `seq` in (`from`, `to`] older than `before`
   * that a later change of the same contact supersedes. Returns how many went.
   */
  async compactChanges(before: Date, from: string, to: string): Promise<number> {
    const [, count]: [unknown, number] = await this.contacts.query(
      `DELETE FROM contact_changes ch
        WHERE ch.seq > $2 AND ch.seq <= $3 AND ch.occurred_at < $1
          AND EXISTS (SELECT 1 FROM contact_changes n WHERE n.workspace_id = ch.workspace_id AND n.contact_id = ch.contact_id
                         AND (n.xid, n.seq) > (ch.xid, ch.seq))`,
      [before, from, to],
    );
    return count;
  }

  /** Whether the first change after `afterSeq` is older than `before` (compaction goes on). */
  async changesOlderThan(before: Date, afterSeq: string): Promise<boolean> {
    const [row] = await this.contacts.query<{ old: boolean }[]>(
      `SELECT coalesce((SELECT occurred_at < $1 FROM contact_changes WHERE seq > $2 ORDER BY seq LIMIT 1), false) AS old`,
      [before, afterSeq],
    );
    return row.old;
  }

  /** The feed's sequence range (`seq` of its first and last change), for compaction. */
  async changesRange(): Promise<{ first: string; last: string } | null> {
    const [row] = await this.contacts.query<{ first: string | null; last: string | null }[]>(
      `SELECT (SELECT min(seq) FROM contact_changes)::text AS first, (SELECT max(seq) FROM contact_changes)::text AS last`,
    );
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  /** A search's page and total in one pass over its matches, with the workspace's `changes`. */
  async countedSearch(
    workspaceId: string,
    search: string,
    offset: number,
    limit: number,
    scoped: boolean,
  ): Promise<PageResult & { changes: string | undefined }> {
    const sql = new SqlParams(workspaceId);
    const rows = await this.contacts.query<ContactRow[]>(
      countedSearchSql(sql, search, limit, offset, scoped),
      sql.values,
    );
    return {
      items: rowsToContacts(rows),
      total: Number(rows[0]?.__total ?? 0),
      changes: rows[0]?.__changes,
    };
  }

  /** A search's page read in listing order (at most `scan` rows), with the workspace's `changes`. */
  async orderedSearch(
    workspaceId: string,
    search: string,
    offset: number,
    limit: number,
    scan: number,
  ): Promise<{ items: ContactEntity[]; changes: string | undefined }> {
    const sql = new SqlParams(workspaceId);
    const rows = await this.contacts.query<ContactRow[]>(
      orderedSearchSql(sql, search, limit, offset, scan),
      sql.values,
    );
    return { items: rowsToContacts(rows), changes: rows[0]?.__changes };
  }

  /** The workspace's `changes` counter: moves with every write a search could see. */
  async changes(workspaceId: string): Promise<string | undefined> {
    const rows = await this.contacts.query<ContactRow[]>(changesSql(), [workspaceId]);
    return rows[0]?.__changes;
  }

  /** The workspace's contacts, and the planner's estimate of the whole table's rows. */
  async workspaceSize(workspaceId: string): Promise<{ contacts: number; tableRows: number }> {
    const [row] = await this.contacts.query<{ contacts: string; table_rows: number | null }[]>(
      WORKSPACE_SIZE_SQL,
      [workspaceId],
    );
    return { contacts: Number(row?.contacts ?? 0), tableRows: Number(row?.table_rows ?? 0) };
  }
}

export interface PageResult {
  items: ContactEntity[];
  total: number;
}

/** A delete or restore of one contact (ContactsRepository.setDeleted). */
export interface LifecycleChange {
  /** The contact as it was, locked until the transaction ends. */
  before: ContactEntity;
  /** Its new `updatedAt` and `version`; null when the change did not apply to it. */
  after: Pick<ContactEntity, 'updatedAt' | 'version'> | null;
}

/** A place in the change feed: a transaction's id and the change's number in the sequence. */
export interface FeedPosition {
  xid: string;
  seq: string;
}

export type ContactChangeType =
  'created' | 'updated' | 'deleted' | 'restored' | 'merged' | 'erased';

/** One change of the feed, with the contact as it is now (null once it is not live). */
export interface ContactChange {
  position: FeedPosition;
  type: ContactChangeType;
  contactId: string;
  occurredAt: Date;
  contact: ContactEntity | null;
}
