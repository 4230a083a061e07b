import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteContext } from '../common/context/write-context';
import { uniqueViolationConstraint } from '../common/errors/pg-errors';
import { isId } from '../common/ids/object-id';
import { decodeCursor, encodeCursor } from '../common/validation/cursor';
import { validateInput } from '../common/validation/validation';
import { TransactionalEvents } from '../outbox/transactional-events';
import { PersonalDataRegistry } from '../privacy/personal-data.registry';
import { ContactConflicts, IDENTITIES_KEY } from './contact-conflicts';
import { ContactHistoryRepository } from './contact-history.repository';
import { ContactsRepository } from './contacts.repository';
import type { Preconditions } from './preconditions';
import { toContactResponse } from './dto/contact.response';
import { HistoryQueryDto } from './dto/history.query.dto';
import type { ContactHistoryEntity } from './entities/contact-history.entity';
import type { ContactEntity } from './entities/contact.entity';
import { ContactDeletedEvent } from './events/contact-deleted.event';
import { ContactErasedEvent } from './events/contact-erased.event';
import { ContactRestoredEvent } from './events/contact-restored.event';
import { ContactException } from './exceptions/contact.exception';

export interface ErasedContact {
  id: string;
  erasedAt: Date;
}

export interface ContactHistoryPage {
  items: ContactHistoryEntity[];
  /** Pass as `after` for the next (older) entries; null on the last page. */
  nextCursor: string | null;
}

/** A history cursor: the last entry's id, opaque to clients. */
const HISTORY_CURSOR = 'h';

/** The next `updatedAt` of a contact: now, or one millisecond after the last one if the clock did not move. */
const nextTime = (contact: ContactEntity): Date =>
  new Date(Math.max(Date.now(), contact.updatedAt.getTime() + 1));

/**
 * Delete, restore, erase and history (SPEC §9), for ContactsService. Each change locks the
 * contact's row, writes the change, its history entry and its event in one transaction.
 */
@Injectable()
export class ContactLifecycle {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly entries: ContactHistoryRepository,
    private readonly conflicts: ContactConflicts,
    private readonly personalData: PersonalDataRegistry,
    private readonly events: TransactionalEvents,
  ) {}

  /**
   * Why a contact is not there: 410 with where it went when it was merged, else 404. Inside a
   * transaction, pass its `manager`: a second connection per request could starve the pool.
   */
  async missing(
    workspaceId: string,
    id: string,
    manager?: EntityManager,
  ): Promise<ContactException> {
    const mergedInto = isId(id) ? await this.contacts.mergedInto(workspaceId, id, manager) : null;
    return mergedInto ? ContactException.merged(mergedInto) : ContactException.notFound();
  }

  async delete(
    workspaceId: string,
    id: string,
    context: WriteContext,
    { ifMatch }: Preconditions = {},
  ): Promise<void> {
    if (!isId(id)) throw ContactException.notFound();
    await this.events.run(async (manager, record) => {
      const change = await this.contacts.setDeleted(manager, workspaceId, id, {
        deleted: true,
        notBefore: new Date(),
        ifMatch,
      });
      if (!change) throw await this.missing(workspaceId, id, manager);
      // Live and not changed: it is at a version the caller did not expect.
      if (!change.after) throw ContactException.preconditionFailed(change.before.version);
      const { updatedAt: at, version } = change.after;
      await this.entries.record(
        manager,
        { workspaceId, contactId: id, type: 'deleted', occurredAt: at, changes: [] },
        context,
      );
      record(
        new ContactDeletedEvent(
          workspaceId,
          toContactResponse(change.before),
          version,
          at.toISOString(),
        ),
      );
    });
  }

  async restore(workspaceId: string, id: string, context: WriteContext): Promise<ContactEntity> {
    if (!isId(id)) throw ContactException.notFound();
    try {
      return await this.events.run(async (manager, record) => {
        const change = await this.contacts.setDeleted(manager, workspaceId, id, {
          deleted: false,
          notBefore: new Date(),
        });
        if (!change) throw ContactException.notFound();
        if (change.before.mergedInto) throw await this.missing(workspaceId, id, manager);
        if (!change.after) return change.before; // live already: nothing to do
        const restored: ContactEntity = { ...change.before, deletedAt: null, ...change.after };
        await this.entries.record(
          manager,
          {
            workspaceId,
            contactId: id,
            type: 'restored',
            occurredAt: restored.updatedAt,
            changes: [],
          },
          context,
        );
        record(
          new ContactRestoredEvent(
            workspaceId,
            toContactResponse(restored),
            restored.version,
            restored.updatedAt.toISOString(),
          ),
        );
        return restored;
      });
    } catch (error) {
      // Its phone or email belongs to another live contact by now (the statement that restored
      // it failed on the identities' unique index): whose, from the contact as it still is.
      if (uniqueViolationConstraint(error) !== IDENTITIES_KEY) throw error;
      const contact = await this.contacts.findIncludingDeleted(workspaceId, id);
      throw contact ? await this.conflicts.translate(error, workspaceId, contact, id) : error;
    }
  }

  /**
   * Removes every personal value of the contact from every table that holds one (the modules'
   * PersonalDataPolicy), leaving a tombstone: id, workspace, `erasedAt`, the request id. The
   * contacts merged into it are the same person: they are erased with it.
   */
  async erase(workspaceId: string, id: string, context: WriteContext): Promise<ErasedContact> {
    if (!isId(id)) throw ContactException.notFound();
    return this.events.run(async (manager, record) => {
      const contact = await this.contacts.findAnyForUpdate(manager, workspaceId, id);
      if (!contact) throw ContactException.notFound();
      const erasedAt = nextTime(contact);
      for (const subject of [
        contact,
        ...(await this.contacts.mergedSources(manager, workspaceId, id)),
      ]) {
        await this.personalData.erase(manager, {
          workspaceId,
          contactId: subject.id,
          phones: [subject.phone, ...subject.additionalPhones].filter(
            (v): v is string => v !== null,
          ),
          emails: [subject.email, ...subject.additionalEmails].filter(
            (v): v is string => v !== null,
          ),
          erasedAt,
          requestId: context.requestId ?? null,
        });
        record(
          new ContactErasedEvent(
            workspaceId,
            subject.id,
            subject.version + 1,
            erasedAt.toISOString(),
          ),
        );
      }
      return { id, erasedAt };
    });
  }

  /** Newest first; for live and deleted contacts (an erased contact has none: 404). */
  async history(workspaceId: string, id: string, input: unknown): Promise<ContactHistoryPage> {
    const query = validateInput(HistoryQueryDto, input);
    const after =
      query.after === undefined
        ? undefined
        : decodeCursor(HISTORY_CURSOR, query.after, /^([0-9a-f]{24})$/)[1];
    if (!isId(id) || !(await this.contacts.existsWithHistory(workspaceId, id))) {
      throw ContactException.notFound();
    }
    const rows = await this.entries.page(workspaceId, id, after, query.limit);
    const items = rows.slice(0, query.limit);
    return {
      items,
      nextCursor:
        rows.length > query.limit ? encodeCursor(HISTORY_CURSOR, items[items.length - 1].id) : null,
    };
  }
}
