import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemWrite, type WriteContext } from '../common/context/write-context';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { isId } from '../common/ids/object-id';
import { type Page, toPage } from '../common/validation/pagination.dto';
import { decodeCursor, encodeCursor } from '../common/validation/cursor';
import { validateInput, validationException } from '../common/validation/validation';
import { type RecordEvent, TransactionalEvents } from '../outbox/transactional-events';
import { ContactConflicts } from './contact-conflicts';
import { ContactHistoryRepository } from './contact-history.repository';
import { ContactIdentities, type ResolvedPhone } from './contact-identities';
import { ContactWriter, WRITABLE_FIELDS } from './contact-writer';
import { ContactUpserts, type UpsertResult, type WriteOutcome } from './upsert/contact-upserts';
import { ContactLifecycle, type ContactHistoryPage, type ErasedContact } from './contact-lifecycle';
import { ContactFeed, type ContactChangesPage } from './contact-feed';
import { ContactMerge, type MergeReport } from './contact-merge';
import { ContactsRepository } from './contacts.repository';
import type { ListPosition } from './contacts.sql';
import { assertPrecondition, type Preconditions } from './preconditions';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQueryDto } from './dto/list-contacts.query.dto';
import { UpdateContactDto } from './dto/update-contact.dto';
import { ContactEntity } from './entities/contact.entity';
import { ContactException } from './exceptions/contact.exception';
import { ContactSearchPlanner } from './search/contact-search.planner';

const SOURCE_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

/** An internal caller that does not say who it is. */
const INTERNAL = systemWrite('internal');

/** A page of contacts by number (`page`), and the cursor that continues after it. */
export type ContactPage = Page<ContactEntity> & { nextCursor: string | null };
/** A page of contacts after a cursor (`after`). */
export interface ContactCursorPage {
  items: ContactEntity[];
  limit: number;
  nextCursor: string | null;
}

/** A contact list cursor: the last contact's creation time and id, opaque to clients. */
const LIST_CURSOR = 'c';
const encodeListCursor = (contact: ListPosition): string =>
  encodeCursor(LIST_CURSOR, `${contact.createdAt.getTime()}.${contact.id}`);
function decodeListCursor(cursor: string): ListPosition {
  const [, millis, id] = decodeCursor(LIST_CURSOR, cursor, /^(\d{1,15})\.([0-9a-f]{24})$/);
  return { createdAt: new Date(Number(millis)), id };
}

/** How a phone found its contact (SPEC §10): `matchedBy` of a message's resolution. */
export interface PhoneMatch {
  contact: ContactEntity;
  matchedBy: 'phone' | 'additional_phone' | 'variant';
}

export interface CreateContactOptions {
  /** Where the contact comes from: `api` (default) for the public API, `message`, ... */
  source?: string;
  /** Who creates it (recorded in its history); an internal caller by default. */
  context?: WriteContext;
  /**
   * A transaction of the caller's to create the contact in (with its event): both commit or
   * roll back with it.
   */
  manager?: EntityManager;
}

/**
 * The contacts module's one public API, for the HTTP controller and for other modules alike.
 * It validates its own input (internal callers do not pass through the HTTP pipes), keeps every
 * query scoped to a workspace, and records each change's event and history entry in the same
 * transaction as the change. Statements live in `ContactsRepository`; delete, restore, erase and
 * history in `ContactLifecycle`.
 */
@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly entries: ContactHistoryRepository,
    private readonly search: ContactSearchPlanner,
    private readonly conflicts: ContactConflicts,
    private readonly lifecycle: ContactLifecycle,
    private readonly merges: ContactMerge,
    private readonly feed: ContactFeed,
    private readonly identities: ContactIdentities,
    private readonly writer: ContactWriter,
    private readonly upserts: ContactUpserts,
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
    const draft = await this.writer.draft(workspaceId, dto, source);
    const insert = async (manager: EntityManager, record: RecordEvent): Promise<ContactEntity> => {
      await this.writer.insert(manager, record, [draft], options.context ?? INTERNAL);
      return draft.contact;
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
      throw await this.conflicts.translate(error, workspaceId, draft.contact);
    }
    return draft.contact;
  }

  /**
   * Changes only the fields present in `input`; `null` clears an optional field. `ifMatch`: the
   * versions the caller's copy may have (If-Match); another current version is 412 and no change.
   */
  async update(
    workspaceId: string,
    id: string,
    input: unknown,
    context: WriteContext = INTERNAL,
    { ifMatch }: Preconditions = {},
  ): Promise<ContactEntity> {
    const dto = validateInput(UpdateContactDto, input);
    if (WRITABLE_FIELDS.every((field) => dto[field] === undefined)) {
      throw new DomainException(ErrorCode.EmptyUpdate, 'Send at least one field to change');
    }
    if (!isId(id)) throw ContactException.notFound();
    const patch = await this.writer.patch(workspaceId, dto);

    try {
      return await this.events.run(async (manager, record) => {
        const current = await this.contacts.findForUpdate(manager, workspaceId, id);
        if (!current) throw ContactException.notFound();
        assertPrecondition(current, ifMatch);
        return this.writer.apply(manager, record, current, patch, context);
      });
    } catch (error) {
      if (error instanceof ContactException && error.code === ErrorCode.ContactNotFound) {
        throw await this.lifecycle.missing(workspaceId, id);
      }
      throw await this.conflicts.translate(error, workspaceId, patch, id);
    }
  }

  /**
   * Creates the contact, or updates the one its phone or email finds (SPEC §11): `created` says
   * which. The body is a create body plus `matchOn`; 409 when phone and email find two contacts.
   */
  upsert(
    workspaceId: string,
    input: unknown,
    context: WriteContext = INTERNAL,
  ): Promise<UpsertResult> {
    return this.upserts.upsert(workspaceId, input, context);
  }

  /**
   * Up to 100 creates or upserts in one transaction, one outcome per item in order (SPEC §11).
   * `allowed`: how many items the caller may write now (its rate limit); the rest are 429.
   */
  batch(
    workspaceId: string,
    input: unknown,
    context: WriteContext = INTERNAL,
    allowed?: number,
  ): Promise<WriteOutcome[]> {
    return this.upserts.batch(workspaceId, input, context, allowed);
  }

  /** Deletes a live contact (SPEC §9): it leaves reads, lists and searches; its phone and email are free. */
  delete(
    workspaceId: string,
    id: string,
    context: WriteContext = INTERNAL,
    preconditions: Preconditions = {},
  ): Promise<void> {
    return this.lifecycle.delete(workspaceId, id, context, preconditions);
  }

  /** Brings a deleted contact back; 409 `contact_exists` when its phone or email was taken meanwhile. */
  restore(
    workspaceId: string,
    id: string,
    context: WriteContext = INTERNAL,
  ): Promise<ContactEntity> {
    return this.lifecycle.restore(workspaceId, id, context);
  }

  /** Erases a live or deleted contact's personal data everywhere, for good (SPEC §9). */
  erase(workspaceId: string, id: string, context: WriteContext = INTERNAL): Promise<ErasedContact> {
    return this.lifecycle.erase(workspaceId, id, context);
  }

  /** A contact's changes, newest first (also for a deleted contact; none for an erased one). */
  history(workspaceId: string, id: string, input: unknown): Promise<ContactHistoryPage> {
    return this.lifecycle.history(workspaceId, id, input);
  }

  /** The live contact, or null when it does not exist in this workspace (whatever other ones hold). */
  findById(workspaceId: string, id: string): Promise<ContactEntity | null> {
    return isId(id) ? this.contacts.findById(workspaceId, id) : Promise.resolve(null);
  }

  /** The contact, live or deleted (`deletedAt` set), or null (unknown, or erased). */
  findIncludingDeleted(workspaceId: string, id: string): Promise<ContactEntity | null> {
    return isId(id) ? this.contacts.findIncludingDeleted(workspaceId, id) : Promise.resolve(null);
  }

  /** The live contact; 404, or 410 with where it went when it was merged. */
  async get(workspaceId: string, id: string): Promise<ContactEntity> {
    const contact = await this.findById(workspaceId, id);
    if (!contact) throw await this.lifecycle.missing(workspaceId, id);
    return contact;
  }

  /**
   * The change feed (SPEC §11): the workspace's changes after the cursor `after`, in one total
   * order, never skipping one (a change shows once every earlier one is settled).
   */
  changes(workspaceId: string, input: unknown): Promise<ContactChangesPage> {
    return this.feed.changes(workspaceId, input);
  }

  /** Merges duplicates into `targetId` (SPEC §10); a dry run reports and writes nothing. */
  merge(
    workspaceId: string,
    targetId: string,
    input: unknown,
    context: WriteContext = INTERNAL,
  ): Promise<MergeReport> {
    return this.merges.merge(workspaceId, targetId, input, context);
  }

  /**
   * The live contact that holds this phone (canonical E.164, as `normalizePhone` gives it), as its
   * phone or an additional one, and how it matched; null when none. Inside a transaction
   * (`manager`), the contact is locked FOR SHARE until it ends: what the caller writes for it
   * (a message) cannot land on a contact that a concurrent merge or delete is taking away.
   */
  async findByPhone(
    workspaceId: string,
    phone: ResolvedPhone,
    manager?: EntityManager,
  ): Promise<PhoneMatch | null> {
    const found = await this.contacts.findByPhone(
      workspaceId,
      phone.e164,
      manager,
      manager !== undefined,
    );
    if (!found) return null;
    const matchedBy = phone.variant
      ? 'variant'
      : found.field === 'phone'
        ? 'phone'
        : 'additional_phone';
    return { contact: found.contact, matchedBy };
  }

  /** A phone number as typed, in canonical E.164 as contacts store it; a 400 naming `field` otherwise. */
  normalizePhone(workspaceId: string, raw: string, field = 'phone'): Promise<ResolvedPhone> {
    return this.identities.phone(workspaceId, raw, field);
  }

  /**
   * Newest first (`createdAt`, then `id`), stable across pages, with the exact total; `search` as
   * SPEC §4 says. One statement per request in the usual case, so that a page and its total come
   * from one snapshot (see ContactsRepository and ContactSearchPlanner). `nextCursor` continues
   * after the page's last contact, through `listAfter`.
   */
  async list(workspaceId: string, input: unknown): Promise<ContactPage> {
    const { after, page = 1, limit, search: text } = validateInput(ListContactsQueryDto, input);
    if (after !== undefined) {
      throw validationException([{ field: 'after', message: 'a cursor is read by listAfter' }]);
    }
    const search = text?.trim() || undefined;
    const offset = (page - 1) * limit;
    const { items, total } = search
      ? await this.search.page(workspaceId, search, offset, limit)
      : await this.contacts.pageOfAll(workspaceId, offset, limit);
    const last = items[items.length - 1];
    return {
      ...toPage(items, total, { page, limit }),
      nextCursor: last && offset + items.length < total ? encodeListCursor(last) : null,
    };
  }

  /**
   * Keyset pages (SPEC §11): the `limit` contacts after the cursor `after` in listing order (the
   * same order and `search` as `list`), and the cursor of the next page (null at the end). No
   * total: a page costs the same at any depth.
   */
  async listAfter(workspaceId: string, input: unknown): Promise<ContactCursorPage> {
    const query = validateInput(ListContactsQueryDto, input);
    if (query.page !== undefined) {
      throw validationException([
        { field: 'page', message: 'send either page or after, not both' },
      ]);
    }
    if (query.after === undefined) {
      throw validationException([{ field: 'after', message: 'after is required' }]);
    }
    const rows = await this.contacts.pageAfter(
      workspaceId,
      decodeListCursor(query.after),
      query.limit + 1,
      query.search?.trim() || undefined,
    );
    const items = rows.slice(0, query.limit);
    return {
      items,
      limit: query.limit,
      nextCursor: rows.length > query.limit ? encodeListCursor(items[items.length - 1]) : null,
    };
  }
}
