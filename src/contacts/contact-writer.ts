import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteContext } from '../common/context/write-context';
import { DomainException } from '../common/errors/domain.exception';
import { newId } from '../common/ids/object-id';
import { validationException } from '../common/validation/validation';
import type { RecordEvent } from '../outbox/transactional-events';
import { ContactHistoryRepository, type HistoryEntryInput } from './contact-history.repository';
import { ContactIdentities } from './contact-identities';
import { ContactsRepository } from './contacts.repository';
import { toContactResponse } from './dto/contact.response';
import type { CreateContactDto } from './dto/create-contact.dto';
import type { FieldChange } from './entities/contact-history.entity';
import { ContactEntity } from './entities/contact.entity';
import { ContactCreatedEvent } from './events/contact-created.event';
import { type ContactChanges, ContactUpdatedEvent } from './events/contact-updated.event';

/** Fields a create or update may set, in the order changes are reported. */
export const WRITABLE_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'additionalPhones',
  'additionalEmails',
  'company',
  'jobTitle',
  'website',
  'notes',
  'tags',
  'lifecycle',
] as const;
export type WritableField = (typeof WRITABLE_FIELDS)[number];
export type ContactValues = Pick<ContactEntity, WritableField>;

/** A patch of one contact, for `applyMany`. */
export interface ContactPatch {
  contact: ContactEntity;
  patch: Partial<ContactValues>;
}

/** A contact not inserted yet, and its history entry's changes. */
export interface NewContact {
  contact: ContactEntity;
  changes: FieldChange[];
}

function isEmpty(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

function sameValue(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((v, i) => v === b[i])
    : a === b;
}

/**
 * The two writes every contact write is made of, whoever asks (create, update, upsert, batch):
 * inserting new contacts and applying a patch to a locked one, each with its history entry and
 * its event in the caller's transaction. Also turns validated bodies into values (phones in
 * canonical E.164) and checks the rules a contact always keeps (reachable, identities distinct).
 */
@Injectable()
export class ContactWriter {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly entries: ContactHistoryRepository,
    private readonly identities: ContactIdentities,
  ) {}

  /** A new contact from a validated create body: phones resolved, the rules checked (400s). */
  async draft(workspaceId: string, dto: CreateContactDto, source: string): Promise<NewContact> {
    const values: ContactValues = {
      firstName: dto.firstName,
      lastName: dto.lastName ?? null,
      phone: dto.phone ? (await this.identities.phone(workspaceId, dto.phone)).e164 : null,
      email: dto.email ?? null,
      additionalPhones: await this.additionalPhones(workspaceId, dto.additionalPhones),
      additionalEmails: dto.additionalEmails ?? [],
      company: dto.company ?? null,
      jobTitle: dto.jobTitle ?? null,
      website: dto.website ?? null,
      notes: dto.notes ?? null,
      tags: dto.tags ?? [],
      lifecycle: dto.lifecycle ?? null,
    };
    assertReachable(values);
    this.identities.assertDistinct(values);
    const now = new Date();
    const contact = Object.assign(new ContactEntity(), {
      ...values,
      id: newId(),
      workspaceId,
      source,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const changes = WRITABLE_FIELDS.filter((f) => !isEmpty(values[f])).map((f) => ({
      field: f,
      old: null,
      new: values[f],
    }));
    return { contact, changes };
  }

  /**
   * The fields a validated body sends (not `undefined`), phones resolved: the patch `apply`
   * writes. `null` clears a field (an empty list for the list fields).
   */
  async patch(
    workspaceId: string,
    dto: Partial<Record<WritableField, unknown>>,
  ): Promise<Partial<ContactValues>> {
    const patch: Partial<ContactValues> = {};
    for (const field of WRITABLE_FIELDS) {
      const value = dto[field];
      if (value === undefined) continue;
      if (field === 'tags' || field === 'additionalEmails') {
        patch[field] = (value as string[] | null) ?? [];
      } else if (field === 'additionalPhones') {
        patch.additionalPhones = await this.additionalPhones(workspaceId, value as string[] | null);
      } else if (field === 'phone') {
        patch.phone = value
          ? (await this.identities.phone(workspaceId, value as string)).e164
          : null;
      } else (patch as Record<string, unknown>)[field] = value ?? null;
    }
    return patch;
  }

  /** Inserts new contacts (one statement however many), their history entries and `contact.created` events. */
  async insert(
    manager: EntityManager,
    record: RecordEvent,
    drafts: NewContact[],
    context: WriteContext,
  ): Promise<void> {
    if (drafts.length === 0) return;
    await this.contacts.insert(
      manager,
      drafts.map((d) => d.contact),
    );
    await this.entries.recordMany(
      manager,
      drafts.map(({ contact, changes }) => ({
        workspaceId: contact.workspaceId,
        contactId: contact.id,
        type: 'created',
        occurredAt: contact.createdAt,
        changes,
      })),
      context,
    );
    for (const { contact } of drafts) {
      record(
        new ContactCreatedEvent(contact.workspaceId, toContactResponse(contact), contact.version),
      );
    }
  }

  /**
   * Applies `patch` to `current` (a live contact locked by the caller's transaction): the fields
   * that change, a new version, the history entry and `contact.updated`. Nothing when no field
   * changes. The rules are checked before any write, so a 400 leaves the transaction usable.
   */
  async apply(
    manager: EntityManager,
    record: RecordEvent,
    current: ContactEntity,
    patch: Partial<ContactValues>,
    context: WriteContext,
  ): Promise<ContactEntity> {
    const [outcome] = await this.applyMany(manager, record, [{ contact: current, patch }], context);
    if (outcome instanceof DomainException) throw outcome;
    return outcome;
  }

  /**
   * `apply` for several patches of one workspace's locked live contacts, in order: a second patch
   * of a contact applies to what the first made of it. Every patch's rules are checked before
   * anything is written; a patch that breaks them has its DomainException as its outcome and the
   * others go on. The contacts are written in one statement per round (the first patch of each
   * contact, then the second of those patched twice, ...), so that each patch is a change of its
   * own in the feed; a round writes the fields any of its patches changes, with the new time and
   * version. The history entries go in one statement, the events in the patches' order.
   */
  async applyMany(
    manager: EntityManager,
    record: RecordEvent,
    patches: readonly ContactPatch[],
    context: WriteContext,
  ): Promise<(ContactEntity | DomainException)[]> {
    const latest = new Map<string, ContactEntity>();
    /** Per round, its contacts and the fields any of them changes. */
    const rounds: { contacts: ContactEntity[]; fields: Set<WritableField> }[] = [];
    const entries: HistoryEntryInput[] = [];
    const events: ContactUpdatedEvent[] = [];
    const outcomes = patches.map(({ contact, patch }) => {
      const current = latest.get(contact.id) ?? contact;
      const changed = WRITABLE_FIELDS.filter(
        (field) => field in patch && !sameValue(current[field], patch[field]),
      );
      if (changed.length === 0) return current;
      const next: ContactEntity = { ...current, ...patch };
      try {
        assertReachable(next);
        this.identities.assertDistinct(next);
      } catch (error) {
        if (error instanceof DomainException) return error;
        throw error;
      }
      // updatedAt moves forward even if the clock did not (two changes in one millisecond).
      next.updatedAt = new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1));
      next.version = current.version + 1;
      let round = rounds.find((r) => !r.contacts.some((c) => c.id === next.id));
      if (!round) rounds.push((round = { contacts: [], fields: new Set() }));
      round.contacts.push(next);
      changed.forEach((field) => round.fields.add(field));
      latest.set(next.id, next);

      entries.push({
        workspaceId: current.workspaceId,
        contactId: current.id,
        type: 'updated',
        occurredAt: next.updatedAt,
        changes: changed.map((field) => ({ field, old: current[field], new: next[field] })),
      });
      const [before, after] = [toContactResponse(current), toContactResponse(next)];
      const changes: ContactChanges = {};
      for (const field of [...changed, 'fullName' as const]) {
        if (!sameValue(before[field], after[field])) {
          changes[field] = { from: before[field], to: after[field] };
        }
      }
      events.push(new ContactUpdatedEvent(current.workspaceId, after, next.version, changes));
      return next;
    });

    for (const { contacts, fields } of rounds) {
      await this.contacts.updateMany(manager, contacts[0].workspaceId, contacts, [
        ...WRITABLE_FIELDS.filter((field) => fields.has(field)),
        'updatedAt',
        'version',
      ]);
    }
    await this.entries.recordMany(manager, entries, context);
    events.forEach(record);
    return outcomes;
  }

  private async additionalPhones(
    workspaceId: string,
    raws: string[] | null | undefined,
  ): Promise<string[]> {
    if (!raws?.length) return [];
    return (await this.identities.phones(workspaceId, raws, (i) => `additionalPhones.${i}`)).map(
      (p) => p.e164,
    );
  }
}

function assertReachable(values: Pick<ContactValues, 'phone' | 'email'>): void {
  if (values.phone === null && values.email === null) {
    throw validationException([
      { field: 'phone', message: 'a contact needs a phone or an email' },
      { field: 'email', message: 'a contact needs a phone or an email' },
    ]);
  }
}
