import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteContext } from '../common/context/write-context';
import { newId } from '../common/ids/object-id';
import { validationException } from '../common/validation/validation';
import type { RecordEvent } from '../outbox/transactional-events';
import { ContactHistoryRepository } from './contact-history.repository';
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
    const changed = WRITABLE_FIELDS.filter(
      (field) => field in patch && !sameValue(current[field], patch[field]),
    );
    if (changed.length === 0) return current;

    const next: ContactEntity = { ...current, ...patch };
    assertReachable(next);
    this.identities.assertDistinct(next);
    // updatedAt moves forward even if the clock did not (two changes in one millisecond).
    next.updatedAt = new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1));
    next.version = current.version + 1;
    await this.contacts.update(manager, current.workspaceId, current.id, {
      ...Object.fromEntries(changed.map((f) => [f, next[f]])),
      updatedAt: next.updatedAt,
      version: next.version,
    });

    const [before, after] = [toContactResponse(current), toContactResponse(next)];
    const changes: ContactChanges = {};
    for (const field of [...changed, 'fullName' as const]) {
      if (!sameValue(before[field], after[field])) {
        changes[field] = { from: before[field], to: after[field] };
      }
    }
    await this.entries.record(
      manager,
      {
        workspaceId: current.workspaceId,
        contactId: current.id,
        type: 'updated',
        occurredAt: next.updatedAt,
        changes: changed.map((field) => ({ field, old: current[field], new: next[field] })),
      },
      context,
    );
    record(new ContactUpdatedEvent(current.workspaceId, after, next.version, changes));
    return next;
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
