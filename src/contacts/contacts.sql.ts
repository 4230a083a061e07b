import { ContactEntity } from './entities/contact.entity';
import { phoneSearchDigits } from './utils/normalize-phone.util';

/*
 * The SQL of the statements on `contacts` that ContactsRepository runs and the benchmark
 * (bench/run.ts, bench/ceilings.ts) times and EXPLAINs: the column list, the row mapping, and the
 * builders of the list, keyset and search statements. Every statement takes the workspace first
 * (`$1`).
 */

/** Every column of `ContactEntity`, aliased to its property, so that rows map straight onto it. */
const CONTACT_PROPERTIES = {
  id: 'id',
  workspaceId: 'workspace_id',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  email: 'email',
  company: 'company',
  jobTitle: 'job_title',
  website: 'website',
  notes: 'notes',
  source: 'source',
  tags: 'tags',
  additionalPhones: 'additional_phones',
  additionalEmails: 'additional_emails',
  lifecycle: 'lifecycle',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
  deletedAt: 'deleted_at',
  mergedInto: 'merged_into',
  erasedAt: 'erased_at',
  eraseRequestId: 'erase_request_id',
} as const satisfies Record<Exclude<keyof ContactEntity, 'workspace'>, string>;

export const CONTACT_COLUMN_NAMES: Readonly<Record<string, string>> = CONTACT_PROPERTIES;

/** `c.<column> AS "<property>", …`: the select list of every statement that returns contacts. */
export const CONTACT_COLUMNS = Object.entries(CONTACT_PROPERTIES)
  .map(([property, column]) => `c.${column} AS "${property}"`)
  .join(', ');

/**
 * A row of a contact statement: the contact's properties (all null on a page past the end) and
 * the totals, as `__total` and `__changes`, names no property can have.
 */
export type ContactRow = Record<string, unknown> & { __total?: string; __changes?: string };

const PROPERTIES = Object.keys(CONTACT_PROPERTIES);

/** The contact of a row, or null when the row holds none (a page past the end, an outer join's miss). */
export function rowToContact(row: ContactRow): ContactEntity | null {
  if (row.id === null || row.id === undefined) return null;
  const contact = new ContactEntity();
  for (const property of PROPERTIES) {
    (contact as unknown as Record<string, unknown>)[property] = row[property];
  }
  return contact;
}

export function rowsToContacts(rows: ContactRow[]): ContactEntity[] {
  // A page past the end is one row with the totals and no contact.
  return rows.map(rowToContact).filter((contact): contact is ContactEntity => contact !== null);
}

/** One live contact by id (`$1` workspace, `$2` id). */
export const FIND_BY_ID_SQL = `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.workspace_id = $1 AND c.id = $2 AND c.deleted_at IS NULL`;

/** The workspace's contacts (`$1`), and the planner's estimate of the whole table's rows. */
export const WORKSPACE_SIZE_SQL = `SELECT coalesce(sum(contacts), 0) AS contacts,
    (SELECT reltuples FROM pg_class WHERE oid = 'contacts'::regclass) AS table_rows
  FROM workspace_contact_counts WHERE workspace_id = $1`;

/** Positional parameters of one statement; `$1` is always the workspace. */
export class SqlParams {
  readonly values: unknown[];
  constructor(workspaceId: string) {
    this.values = [workspaceId];
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The expression the name trigram index is built on. */
const NAME_EXPRESSION = `lower(c.first_name || ' ' || coalesce(c.last_name, ''))`;

/** The emails and the phones a search reads: the primary value and the additional ones. */
const EMAILS_EXPRESSION = `contact_search_text(c.email, c.additional_emails::text[])`;
const PHONES_EXPRESSION = `contact_search_text(c.phone, c.additional_phones::text[])`;
/** Every suffix of three digits or more of every phone: what the phone index is built on. */
const PHONE_SUFFIXES_EXPRESSION = `contact_phone_suffixes(c.phone, c.additional_phones::text[])`;

/**
 * SPEC §4's match on `c`: name or any email contain the text; a phone-like query's digits any
 * phone. The name and email expressions are the ones their trigram indexes are built on
 * (migrations WorkspaceScopedSearch and ContactIdentities). The phone branch says the same thing
 * twice: the phones contain the digits (cheap on a row already read) and the digits begin a
 * suffix of a phone (what the suffix index answers, migration PhoneDigitSuffixes). An AND within
 * an OR is evaluated in the order written: a row read in listing order pays for the dearer suffix
 * expression only when the `LIKE` matched it.
 */
export function searchCondition(sql: SqlParams, search: string): string {
  const pattern = sql.add(`%${escapeLike(search)}%`);
  const branches = [
    `${NAME_EXPRESSION} LIKE lower(${pattern})`,
    `${EMAILS_EXPRESSION} LIKE lower(${pattern})`,
  ];
  const digits = phoneSearchDigits(search);
  if (digits) {
    branches.push(
      `(${PHONES_EXPRESSION} LIKE ${sql.add(`%${digits}%`)} AND ${PHONE_SUFFIXES_EXPRESSION} @@ ${sql.add(`${digits}:*`)}::tsquery)`,
    );
  }
  return `(${branches.join(' OR ')})`;
}

/** The workspace's `changes`: what a remembered search total is checked against. */
const CHANGES_EXPRESSION = `(SELECT coalesce(sum(n.changes), 0) FROM workspace_contact_counts n WHERE n.workspace_id = $1)`;

/**
 * A page of the whole workspace with its maintained total: the page's ids come from the listing
 * index alone (an index-only scan, however deep the page), then only those rows are read.
 */
export function listSql(sql: SqlParams, limit: number, offset: number): string {
  const [lim, off] = [sql.add(limit), sql.add(offset)];
  return `SELECT t.total AS __total, ${CONTACT_COLUMNS}
    FROM (SELECT coalesce(sum(n.contacts), 0)::bigint AS total FROM workspace_contact_counts n WHERE n.workspace_id = $1) t
    LEFT JOIN LATERAL (
      SELECT c.* FROM (
        SELECT id FROM contacts
        WHERE workspace_id = $1 AND deleted_at IS NULL AND ${off}::bigint < t.total
        ORDER BY created_at DESC, id DESC LIMIT ${lim}::bigint OFFSET ${off}::bigint
      ) p JOIN contacts c ON c.id = p.id AND c.workspace_id = $1
    ) c ON true
    ORDER BY c.created_at DESC, c.id DESC`;
}

/** A place in the listing order: the last contact a client has seen. */
export interface ListPosition {
  createdAt: Date;
  id: string;
}

/**
 * A keyset page: the contacts after `position` in listing order, read from
 * ix_contacts_workspace_created by a row comparison (for a search, PostgreSQL picks between that
 * walk and the trigram indexes).
 */
export function keysetSql(
  sql: SqlParams,
  position: ListPosition | null,
  limit: number,
  search?: string,
): string {
  const conditions = ['c.workspace_id = $1', 'c.deleted_at IS NULL'];
  if (search) conditions.push(searchCondition(sql, search));
  if (position) {
    conditions.push(
      `(c.created_at, c.id) < (${sql.add(position.createdAt)}::timestamptz, ${sql.add(position.id)})`,
    );
  }
  return `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE ${conditions.join(' AND ')}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${sql.add(limit)}::bigint`;
}

/** Only the workspace's `changes` (a page past the end of a remembered total). */
export function changesSql(): string {
  return `SELECT ${CHANGES_EXPRESSION} AS __changes`;
}

/**
 * A page of a search whose total is known and large: the workspace read in listing order, at most
 * `scan` rows of it, stopping at the page, with the workspace's `changes` to check the total
 * against, in the same snapshot. Fewer rows than the page should hold means the scan ran out first.
 */
export function orderedSearchSql(
  sql: SqlParams,
  search: string,
  limit: number,
  offset: number,
  scan: number,
): string {
  const match = searchCondition(sql, search);
  const [lim, off, max] = [sql.add(limit), sql.add(offset), sql.add(scan)];
  return `SELECT v.version AS __changes, ${CONTACT_COLUMNS}
    FROM (SELECT ${CHANGES_EXPRESSION} AS version) v
    LEFT JOIN LATERAL (
      SELECT c.* FROM (
        SELECT * FROM contacts c WHERE c.workspace_id = $1 AND c.deleted_at IS NULL
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${max}::bigint
      ) c
      WHERE ${match}
      ORDER BY c.created_at DESC, c.id DESC LIMIT ${lim}::bigint OFFSET ${off}::bigint
    ) c ON true
    ORDER BY c.created_at DESC, c.id DESC`;
}

/**
 * A search's total and page in one pass over its matches (the trigram indexes' bitmap), with the
 * workspace's `changes`, in one snapshot. `scoped`: the workspace is a condition of the index scan;
 * otherwise (a workspace holding most of the table) it filters the matches after it.
 */
export function countedSearchSql(
  sql: SqlParams,
  search: string,
  limit: number,
  offset: number,
  scoped: boolean,
): string {
  const match = searchCondition(sql, search);
  const [lim, off] = [sql.add(limit), sql.add(offset)];
  const matches = scoped
    ? `SELECT c.id, c.created_at FROM contacts c WHERE c.workspace_id = $1 AND ${match} AND c.deleted_at IS NULL`
    : // OFFSET 0 keeps the workspace condition out of the index scan.
      `SELECT s.id, s.created_at FROM (SELECT c.workspace_id, c.id, c.created_at FROM contacts c WHERE ${match} AND c.deleted_at IS NULL OFFSET 0) s WHERE s.workspace_id = $1`;
  return `WITH m AS MATERIALIZED (${matches})
    SELECT t.version AS __changes, t.total AS __total, ${CONTACT_COLUMNS}
    FROM (SELECT ${CHANGES_EXPRESSION} AS version, (SELECT count(*) FROM m) AS total) t
    LEFT JOIN LATERAL (
      SELECT c.* FROM (SELECT id, created_at FROM m ORDER BY created_at DESC, id DESC LIMIT ${lim}::bigint OFFSET ${off}::bigint) p
      JOIN contacts c ON c.id = p.id AND c.workspace_id = $1
    ) c ON true
    ORDER BY c.created_at DESC, c.id DESC`;
}
