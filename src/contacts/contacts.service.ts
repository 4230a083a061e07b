import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, Repository } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { type RecordEvent, TransactionalEvents } from '../outbox/transactional-events';
import { isId, newId } from '../common/ids/object-id';
import { type Page, toPage } from '../common/validation/pagination.dto';
import { validateInput, validationException } from '../common/validation/validation';
import { parseTimestamptz } from '../database/parse-timestamptz';
import { uniqueViolationConstraint } from '../database/pg-errors';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { toContactResponse } from './dto/contact.response';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQueryDto } from './dto/list-contacts.query.dto';
import { UpdateContactDto } from './dto/update-contact.dto';
import { ContactEntity } from './entities/contact.entity';
import { ContactCreatedEvent } from './events/contact-created.event';
import { type ContactChanges, ContactUpdatedEvent } from './events/contact-updated.event';
import { ContactException } from './exceptions/contact.exception';
import {
  isInternationalPhone,
  normalizePhone,
  PHONE_PROBLEM_MESSAGES,
  phoneSearchDigits,
} from './utils/normalize-phone.util';

/** The unique index behind each deduplicated field. */
const UNIQUE_FIELD_BY_CONSTRAINT: Record<string, 'phone' | 'email'> = {
  uq_contacts_workspace_phone: 'phone',
  uq_contacts_workspace_email: 'email',
};

/** Fields a create or update may set, in the order changes are reported. */
const WRITABLE_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'company',
  'jobTitle',
  'website',
  'notes',
  'tags',
  'lifecycle',
] as const;
type WritableField = (typeof WRITABLE_FIELDS)[number];
type ContactValues = Pick<ContactEntity, WritableField>;

const SOURCE_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

export interface CreateContactOptions {
  /** Where the contact comes from: `api` (default) for the public API, `message`, ... */
  source?: string;
  /**
   * A transaction of the caller's to create the contact in (with its event): both commit or
   * roll back with it.
   */
  manager?: EntityManager;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function sameValue(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((v, i) => v === b[i])
    : a === b;
}

/**
 * The contacts module's one public API, for the HTTP controller and for other modules alike.
 * It validates its own input (internal callers do not pass through the HTTP pipes), keeps every
 * query scoped to a workspace, and records `contact.created` / `contact.updated` in the same
 * transaction as the change.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectRepository(ContactEntity) private readonly contacts: Repository<ContactEntity>,
    private readonly workspaces: WorkspacesService,
    private readonly events: TransactionalEvents,
  ) {}

  async create(
    workspaceId: string,
    input: unknown,
    options: CreateContactOptions = {},
  ): Promise<ContactEntity> {
    const dto = validateInput(CreateContactDto, input);
    const source = options.source ?? 'api';
    if (!SOURCE_PATTERN.test(source)) throw new Error(`Invalid contact source "${source}"`);

    const values: ContactValues = {
      firstName: dto.firstName,
      lastName: dto.lastName ?? null,
      phone: await this.resolvePhone(workspaceId, dto.phone),
      email: dto.email ?? null,
      company: dto.company ?? null,
      jobTitle: dto.jobTitle ?? null,
      website: dto.website ?? null,
      notes: dto.notes ?? null,
      tags: dto.tags ?? [],
      lifecycle: dto.lifecycle ?? null,
    };
    this.assertReachable(values);

    const now = new Date();
    const contact = this.contacts.create({
      ...values,
      id: newId(),
      workspaceId,
      source,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const insert = async (manager: EntityManager, record: RecordEvent): Promise<void> => {
      await manager.insert(ContactEntity, contact);
      record(new ContactCreatedEvent(workspaceId, toContactResponse(contact), contact.version));
    };
    try {
      if (options.manager) {
        // Inside the caller's transaction, under a savepoint: a duplicate rolls back this insert
        // only, and the caller's transaction goes on (it may then find the existing contact).
        await options.manager.transaction((savepoint) => this.events.join(savepoint, insert));
      } else {
        await this.events.run(insert);
      }
    } catch (error) {
      throw await this.translateConflict(error, workspaceId, values);
    }
    return contact;
  }

  /** Changes only the fields present in `input`; `null` clears an optional field. */
  async update(workspaceId: string, id: string, input: unknown): Promise<ContactEntity> {
    const dto = validateInput(UpdateContactDto, input);
    const sent = WRITABLE_FIELDS.filter((field) => dto[field] !== undefined);
    if (sent.length === 0) {
      throw new DomainException(ErrorCode.EmptyUpdate, 'Send at least one field to change');
    }
    if (!isId(id)) throw ContactException.notFound();

    const patch: Partial<ContactValues> = {};
    for (const field of sent) {
      const value = dto[field];
      if (field === 'tags') patch.tags = (value as string[] | null) ?? [];
      else if (field === 'phone') patch.phone = await this.resolvePhone(workspaceId, dto.phone);
      else (patch as Record<string, unknown>)[field] = value ?? null;
    }

    try {
      return await this.events.run(async (manager, record) => {
        const current = await manager.findOne(ContactEntity, {
          where: { workspaceId, id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw ContactException.notFound();

        const before = toContactResponse(current);
        const changed = sent.filter((field) => !sameValue(current[field], patch[field]));
        if (changed.length === 0) return current;

        const next: ContactEntity = { ...current, ...patch };
        this.assertReachable(next);
        // updatedAt moves forward even if the clock did not (two changes in one millisecond).
        next.updatedAt = new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1));
        next.version = current.version + 1;
        await manager.update(
          ContactEntity,
          { workspaceId, id },
          {
            ...Object.fromEntries(changed.map((f) => [f, next[f]])),
            updatedAt: next.updatedAt,
            version: next.version,
          },
        );

        const after = toContactResponse(next);
        const changes: ContactChanges = {};
        for (const field of [...changed, 'fullName' as const]) {
          if (!sameValue(before[field], after[field])) {
            changes[field] = { from: before[field], to: after[field] };
          }
        }
        record(new ContactUpdatedEvent(workspaceId, after, next.version, changes));
        return next;
      });
    } catch (error) {
      throw await this.translateConflict(error, workspaceId, patch, id);
    }
  }

  /** The contact, or null when it does not exist in this workspace (whatever other ones hold). */
  async findById(workspaceId: string, id: string): Promise<ContactEntity | null> {
    if (!isId(id)) return null;
    // One parameterised statement mapped like a list page: the hottest read skips the ORM's query
    // building and hydration (15% of the service's CPU under a get-by-id load).
    const rows = await this.contacts.query<ContactRow[]>(
      `SELECT ${this.columnList()} FROM contacts c WHERE c.workspace_id = $1 AND c.id = $2`,
      [workspaceId, id],
    );
    return this.rowsToContacts(rows)[0] ?? null;
  }

  async get(workspaceId: string, id: string): Promise<ContactEntity> {
    const contact = await this.findById(workspaceId, id);
    if (!contact) throw ContactException.notFound();
    return contact;
  }

  /** Finds a contact by phone as typed (normalised like a contact's), or null. */
  async findByPhone(
    workspaceId: string,
    phone: string,
    manager: EntityManager = this.contacts.manager,
  ): Promise<ContactEntity | null> {
    const e164 = await this.resolvePhone(workspaceId, phone);
    return e164 ? manager.findOneBy(ContactEntity, { workspaceId, phone: e164 }) : null;
  }

  /** A phone number as typed, in E.164 as contacts store it; a 400 naming `field` otherwise. */
  async normalizePhone(workspaceId: string, raw: string, field = 'phone'): Promise<string> {
    try {
      return (await this.resolvePhone(workspaceId, raw)) as string;
    } catch (error) {
      if (error instanceof DomainException && field !== 'phone') {
        throw validationException((error.details ?? []).map((d) => ({ ...d, field })));
      }
      throw error;
    }
  }

  /** Large search totals, by workspace and search, with the `changes` they were counted at (LRU). */
  private readonly searchTotals = new Map<string, { version: string; total: number }>();
  private readonly workspaceSizes = new Map<string, { contacts: number; scoped: boolean; until: number }>();
  private columns?: string;

  /**
   * Newest first (`createdAt`, then `id`), stable across pages; `search` as SPEC §4 says. One
   * statement per request in the usual case, so the page and its `total` come from one snapshot:
   * - without a search, the exact total is the workspace's maintained count (never a count(*) over
   *   the workspace), and the page's ids come from the listing index alone (an index-only scan,
   *   however deep the page) before only those rows are read;
   * - with a search, one pass over the matches gives the total and the page; a large total is
   *   remembered with the workspace's `changes` it was counted at, and while `changes` has not
   *   moved (checked in the page's snapshot) the next pages of that search are read in listing
   *   order without counting again (see the migration WorkspaceScopedSearch).
   */
  async list(workspaceId: string, input: unknown): Promise<Page<ContactEntity>> {
    const query = validateInput(ListContactsQueryDto, input);
    const offset = (query.page - 1) * query.limit;
    const search = query.search?.trim();
    const { items, total } = search
      ? await this.searchPage(workspaceId, search, offset, query.limit)
      : await this.pageOfAll(workspaceId, offset, query.limit);
    return toPage(items, total, query);
  }

  private async pageOfAll(workspaceId: string, offset: number, limit: number): Promise<PageResult> {
    const sql = new SqlParams(workspaceId);
    const rows = await this.contacts.query<ContactRow[]>(listSql(this.columnList(), sql, limit, offset), sql.values);
    return { items: this.rowsToContacts(rows), total: Number(rows[0]?.__total ?? 0) };
  }

  private async searchPage(workspaceId: string, search: string, offset: number, limit: number): Promise<PageResult> {
    const key = `${workspaceId}\n${search}`;
    const { contacts, scoped } = await this.workspaceSize(workspaceId);
    const known = this.searchTotals.get(key);
    // Reading in listing order costs about (offset + limit) × contacts / total rows; counting the
    // matches again costs about `total` (rows fetched in random order, so dearer each). The
    // listing-order read gives up after `scan` rows: four times what it should take, or `total`,
    // whichever is more (the newest contacts may match less often than the rest, after an import).
    if (known && (offset >= known.total || (offset + limit) * contacts < known.total ** 2)) {
      const sql = new SqlParams(workspaceId);
      const scan = Math.max(Math.ceil((4 * (offset + limit) * contacts) / known.total), known.total) + 1000;
      const text = offset >= known.total ? versionSql() : orderedSearchSql(this.columnList(), sql, search, limit, offset, scan);
      const rows = await this.contacts.query<ContactRow[]>(text, sql.values);
      const items = this.rowsToContacts(rows);
      const complete = items.length === Math.min(limit, Math.max(0, known.total - offset));
      if (rows[0]?.__changes === known.version && complete) {
        this.searchTotals.delete(key); // most recently used last
        this.searchTotals.set(key, known);
        return { items, total: known.total };
      }
      // Changed since it was counted, or its matches are not where the total suggests: count again.
      this.searchTotals.delete(key);
    }
    const sql = new SqlParams(workspaceId);
    const text = countedSearchSql(this.columnList(), sql, search, limit, offset, scoped);
    const rows = await this.contacts.query<ContactRow[]>(text, sql.values);
    const total = Number(rows[0]?.__total ?? 0);
    const version = rows[0]?.__changes;
    if (total >= REMEMBERED_TOTAL_MIN && version !== undefined) {
      if (this.searchTotals.size >= REMEMBERED_TOTALS_MAX) {
        const oldest = this.searchTotals.keys().next().value;
        if (oldest !== undefined) this.searchTotals.delete(oldest);
      }
      this.searchTotals.set(key, { version, total });
    }
    return { items: this.rowsToContacts(rows), total };
  }

  /**
   * The workspace's contacts, and whether its searches filter by workspace inside the index (from
   * its share of the table), kept for a minute: they steer how a search reads, never what it finds.
   */
  private async workspaceSize(workspaceId: string): Promise<{ contacts: number; scoped: boolean }> {
    const known = this.workspaceSizes.get(workspaceId);
    if (known && known.until > Date.now()) return known;
    const [row] = await this.contacts.query<{ contacts: string; rows: number | null }[]>(
      `SELECT coalesce(sum(contacts), 0) AS contacts,
              (SELECT reltuples FROM pg_class WHERE oid = 'contacts'::regclass) AS rows
         FROM workspace_contact_counts WHERE workspace_id = $1`,
      [workspaceId],
    );
    const contacts = Number(row?.contacts ?? 0);
    const size = { contacts, scoped: searchScopedInIndex(contacts, Number(row?.rows ?? 0)), until: Date.now() + WORKSPACE_SIZE_TTL_MS };
    if (this.workspaceSizes.size >= 10_000) this.workspaceSizes.clear();
    this.workspaceSizes.set(workspaceId, size);
    return size;
  }

  /**
   * Every column of the entity, aliased to its property: raw rows map straight onto entities.
   * Timestamps are read as their text, which `rowsToContacts` parses (faster than the driver).
   */
  private columnList(): string {
    this.columns ??= this.contacts.metadata.columns
      .map((column) => `c."${column.databaseName}"${isTimestamp(column) ? '::text' : ''} AS "${column.propertyName}"`)
      .join(', ');
    return this.columns;
  }

  private rowsToContacts(rows: ContactRow[]): ContactEntity[] {
    const columns = this.contacts.metadata.columns;
    // A page past the end is one row with the totals and no contact.
    return rows
      .filter((row) => row.id !== null && row.id !== undefined)
      .map((row) => {
        const contact = new ContactEntity();
        for (const column of columns) {
          const value = row[column.propertyName];
          (contact as unknown as Record<string, unknown>)[column.propertyName] =
            typeof value === 'string' && isTimestamp(column) ? parseTimestamptz(value) : value;
        }
        return contact;
      });
  }

  private async resolvePhone(workspaceId: string, raw: string | null | undefined): Promise<string | null> {
    if (raw === null || raw === undefined) return null;
    const country = isInternationalPhone(raw)
      ? undefined
      : (await this.workspaces.findById(workspaceId))?.defaultCountry;
    const result = normalizePhone(raw, country);
    if (!result.ok) {
      throw validationException([{ field: 'phone', message: PHONE_PROBLEM_MESSAGES[result.problem] }]);
    }
    return result.e164;
  }

  private assertReachable(values: Pick<ContactValues, 'phone' | 'email'>): void {
    if (values.phone === null && values.email === null) {
      throw validationException([
        { field: 'phone', message: 'a contact needs a phone or an email' },
        { field: 'email', message: 'a contact needs a phone or an email' },
      ]);
    }
  }

  /**
   * Maps a unique violation to 409 `contact_exists`, naming every field that already belongs to
   * another contact of the workspace and that contact's id; any other error passes through.
   */
  private async translateConflict(
    error: unknown,
    workspaceId: string,
    values: Partial<Pick<ContactValues, 'phone' | 'email'>>,
    excludeId?: string,
  ): Promise<unknown> {
    const field = UNIQUE_FIELD_BY_CONSTRAINT[uniqueViolationConstraint(error) ?? ''];
    if (!field) return error;

    const owners = this.contacts
      .createQueryBuilder('c')
      .select(['c.id', 'c.phone', 'c.email'])
      .where('c.workspace_id = :workspaceId', { workspaceId });
    if (excludeId) owners.andWhere('c.id <> :excludeId', { excludeId });
    owners.andWhere(
      new Brackets((match) => {
        match.where('false');
        if (values.phone) match.orWhere('c.phone = :phone', { phone: values.phone });
        if (values.email) match.orWhere('c.email = :email', { email: values.email });
      }),
    );
    const found = await owners.getMany();

    const conflicts: { field: 'phone' | 'email'; contactId: string | null }[] = [];
    for (const f of ['phone', 'email'] as const) {
      const owner = values[f] ? found.find((c) => c[f] === values[f]) : undefined;
      if (owner) conflicts.push({ field: f, contactId: owner.id });
    }
    // The owner cannot vanish (contacts are not deleted), but never answer with an empty 409.
    if (conflicts.length === 0) conflicts.push({ field, contactId: null });
    return ContactException.exists(conflicts);
  }
}

// ---------------------------------------------------------------------------------------------
// The SQL of list() and search, exported for the benchmark (bench/run.ts), which times and
// EXPLAINs exactly these statements.

/** A search total is remembered from this many matches (below, counting again costs little). */
const REMEMBERED_TOTAL_MIN = 1000;
/** Search totals remembered per instance (a few bytes each). */
const REMEMBERED_TOTALS_MAX = 1000;
/**
 * A search filters by workspace inside the trigram index when the workspace holds less than this
 * share of all contacts. A workspace holding most of the table gains nothing from it and pays for
 * it: the index must walk the workspace's whole posting list (measured at a million contacts out of
 * 1.5 million: a 7-digit phone search took 5–6 ms filtered in the index, 1.3–2.5 ms filtered
 * afterwards; see docs/performance.md), while a small workspace must not fetch every other
 * tenant's matches.
 */
const SCOPED_SEARCH_BELOW_SHARE = 0.5;

/** Whether a workspace of `contacts` filters its searches inside the index (table: ~`tableRows`). */
export function searchScopedInIndex(contacts: number, tableRows: number): boolean {
  return contacts / Math.max(contacts, tableRows, 1) < SCOPED_SEARCH_BELOW_SHARE;
}

const WORKSPACE_SIZE_TTL_MS = 60_000;

function isTimestamp(column: { type: unknown }): boolean {
  return column.type === 'timestamptz';
}

/** The expression the name trigram index is built on. */
const NAME_EXPRESSION = `lower(c.first_name || ' ' || coalesce(c.last_name, ''))`;

interface PageResult {
  items: ContactEntity[];
  total: number;
}

/**
 * A row of a list statement: the contact's properties (all null past the end) and the totals, as
 * `__total` and `__changes`, names no property can have (`version` is one).
 */
type ContactRow = Record<string, unknown> & { __total?: string; __changes?: string };

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

/** SPEC §4's match on `c`: name or email contain the text; a phone-like query's digits the phone. */
export function searchCondition(sql: SqlParams, search: string): string {
  const pattern = sql.add(`%${escapeLike(search)}%`);
  // These expressions are the ones the trigram indexes are built on.
  const branches = [`${NAME_EXPRESSION} LIKE lower(${pattern})`, `c.email LIKE lower(${pattern})`];
  const digits = phoneSearchDigits(search);
  if (digits) branches.push(`c.phone LIKE ${sql.add(`%${digits}%`)}`);
  return `(${branches.join(' OR ')})`;
}

/** The workspace's `changes`: what a remembered total is checked against. */
const VERSION_EXPRESSION = `(SELECT coalesce(sum(n.changes), 0) FROM workspace_contact_counts n WHERE n.workspace_id = $1)`;

/** A page of the whole workspace with its maintained total. */
export function listSql(columns: string, sql: SqlParams, limit: number, offset: number): string {
  const [lim, off] = [sql.add(limit), sql.add(offset)];
  return `SELECT t.total AS __total, ${columns}
    FROM (SELECT coalesce(sum(n.contacts), 0)::bigint AS total FROM workspace_contact_counts n WHERE n.workspace_id = $1) t
    LEFT JOIN LATERAL (
      SELECT c.* FROM (
        SELECT id FROM contacts
        WHERE workspace_id = $1 AND ${off}::bigint < t.total
        ORDER BY created_at DESC, id DESC LIMIT ${lim}::bigint OFFSET ${off}::bigint
      ) p JOIN contacts c ON c.id = p.id AND c.workspace_id = $1
    ) c ON true
    ORDER BY c.created_at DESC, c.id DESC`;
}

/** Only the workspace's `changes` (a page past the end of a remembered total). */
export function versionSql(): string {
  return `SELECT ${VERSION_EXPRESSION} AS __changes`;
}

/**
 * A page of a search whose total is known and large: the workspace read in listing order, at most
 * `scan` rows of it, stopping at the page (about (offset + limit) × contacts / total rows), with the
 * workspace's `changes` to check the total against, in the same snapshot. Fewer rows than the page
 * should hold means the scan ran out first.
 */
export function orderedSearchSql(columns: string, sql: SqlParams, search: string, limit: number, offset: number, scan: number): string {
  const match = searchCondition(sql, search);
  const [lim, off, max] = [sql.add(limit), sql.add(offset), sql.add(scan)];
  return `SELECT v.version AS __changes, ${columns}
    FROM (SELECT ${VERSION_EXPRESSION} AS version) v
    LEFT JOIN LATERAL (
      SELECT c.* FROM (
        SELECT * FROM contacts c WHERE c.workspace_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT ${max}::bigint
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
export function countedSearchSql(columns: string, sql: SqlParams, search: string, limit: number, offset: number, scoped: boolean): string {
  const match = searchCondition(sql, search);
  const [lim, off] = [sql.add(limit), sql.add(offset)];
  const matches = scoped
    ? `SELECT c.id, c.created_at FROM contacts c WHERE c.workspace_id = $1 AND ${match}`
    : // OFFSET 0 keeps the workspace condition out of the index scan.
      `SELECT s.id, s.created_at FROM (SELECT c.workspace_id, c.id, c.created_at FROM contacts c WHERE ${match} OFFSET 0) s WHERE s.workspace_id = $1`;
  return `WITH m AS MATERIALIZED (${matches})
    SELECT t.version AS __changes, t.total AS __total, ${columns}
    FROM (SELECT ${VERSION_EXPRESSION} AS version, (SELECT count(*) FROM m) AS total) t
    LEFT JOIN LATERAL (
      SELECT c.* FROM (SELECT id, created_at FROM m ORDER BY created_at DESC, id DESC LIMIT ${lim}::bigint OFFSET ${off}::bigint) p
      JOIN contacts c ON c.id = p.id AND c.workspace_id = $1
    ) c ON true
    ORDER BY c.created_at DESC, c.id DESC`;
}
