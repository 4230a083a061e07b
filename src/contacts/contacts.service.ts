import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, In, Repository } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { type RecordEvent, TransactionalEvents } from '../outbox/transactional-events';
import { isId, newId } from '../common/ids/object-id';
import { type Page, toPage } from '../common/validation/pagination.dto';
import { validateInput, validationException } from '../common/validation/validation';
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
  findById(workspaceId: string, id: string): Promise<ContactEntity | null> {
    if (!isId(id)) return Promise.resolve(null);
    return this.contacts.findOneBy({ workspaceId, id });
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

  /** Newest first (`createdAt`, then `id`), stable across pages; `search` as SPEC §4 says. */
  async list(workspaceId: string, input: unknown): Promise<Page<ContactEntity>> {
    const query = validateInput(ListContactsQueryDto, input);
    const qb = this.contacts
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId', { workspaceId });

    const search = query.search?.trim();
    if (search) {
      const pattern = `%${escapeLike(search)}%`;
      const digits = phoneSearchDigits(search);
      qb.andWhere(
        new Brackets((match) => {
          // These expressions are the ones the trigram indexes are built on.
          match
            .where(`lower(c.first_name || ' ' || coalesce(c.last_name, '')) LIKE lower(:pattern)`, {
              pattern,
            })
            .orWhere('c.email LIKE lower(:pattern)');
          if (digits) match.orWhere('c.phone LIKE :digits', { digits: `%${digits}%` });
        }),
      );
    }

    const offset = (query.page - 1) * query.limit;
    const [items, total] = await Promise.all([
      search
        ? qb.clone().orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').offset(offset).limit(query.limit).getMany()
        : this.pageOfAll(workspaceId, offset, query.limit),
      // Without a search, the exact total is the workspace's maintained count: never count(*)
      // over a whole workspace per request.
      search
        ? qb.clone().select('count(*)', 'count').getRawOne<{ count: string }>().then((r) => Number(r?.count ?? 0))
        : this.countAll(workspaceId),
    ]);
    return toPage(items, total, query);
  }

  /**
   * A page of the whole workspace, newest first. The page's ids come from the listing index alone
   * (an index-only scan, however deep the page), then only those rows are read.
   */
  private async pageOfAll(workspaceId: string, offset: number, limit: number): Promise<ContactEntity[]> {
    const ids = await this.contacts.query<{ id: string }[]>(
      `SELECT id FROM contacts WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [workspaceId, limit, offset],
    );
    if (ids.length === 0) return [];
    const rows = await this.contacts.findBy({ workspaceId, id: In(ids.map((r) => r.id)) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((r) => byId.get(r.id)).filter((row): row is ContactEntity => row !== undefined);
  }

  /** The workspace's contacts, from the counters the database keeps in every write transaction. */
  private async countAll(workspaceId: string): Promise<number> {
    const [row] = await this.contacts.query<{ total: string | null }[]>(
      'SELECT sum(contacts) AS total FROM workspace_contact_counts WHERE workspace_id = $1',
      [workspaceId],
    );
    return Number(row?.total ?? 0);
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
