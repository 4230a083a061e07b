import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { WriteContext } from '../common/context/write-context';
import { newId } from '../common/ids/object-id';
import {
  ContactHistoryEntity,
  type FieldChange,
  type HistoryType,
} from './entities/contact-history.entity';

/** One change of a contact, as its history keeps it. */
export interface HistoryEntryInput {
  workspaceId: string;
  contactId: string;
  type: HistoryType;
  occurredAt: Date;
  changes: FieldChange[];
}

/** Every statement on `contact_history`. */
@Injectable()
export class ContactHistoryRepository {
  constructor(
    @InjectRepository(ContactHistoryEntity)
    private readonly history: Repository<ContactHistoryEntity>,
  ) {}

  /** Records one change of a contact, inside the transaction of the change. */
  record(manager: EntityManager, entry: HistoryEntryInput, context: WriteContext): Promise<void> {
    return this.recordMany(manager, [entry], context);
  }

  /** Records changes of contacts made by one writer, in one statement, inside the transaction of the changes. */
  async recordMany(
    manager: EntityManager,
    entries: HistoryEntryInput[],
    context: WriteContext,
  ): Promise<void> {
    if (entries.length === 0) return;
    const values: unknown[] = [JSON.stringify(context.actor), context.requestId ?? null];
    const rows = entries.map((entry) => {
      const at = values.push(
        newId(),
        entry.workspaceId,
        entry.contactId,
        entry.type,
        entry.occurredAt,
        JSON.stringify(entry.changes),
      );
      return `($${at - 5}, $${at - 4}, $${at - 3}, $${at - 2}, $${at - 1}, $1, $${at}, $2)`;
    });
    await manager.query(
      `INSERT INTO contact_history (id, workspace_id, contact_id, type, occurred_at, actor, changes, request_id) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  /** Newest first, after the entry `after` (exclusive) when given; `limit` + 1 read to know if more follow. */
  page(
    workspaceId: string,
    contactId: string,
    after: string | undefined,
    limit: number,
  ): Promise<ContactHistoryEntity[]> {
    return this.history
      .createQueryBuilder('h')
      .where('h.workspace_id = :workspaceId AND h.contact_id = :contactId', {
        workspaceId,
        contactId,
      })
      .andWhere(after ? 'h.id < :after' : 'true', { after })
      .orderBy('h.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /** Every entry of the contact (an erased contact keeps no history). */
  async deleteForContact(
    manager: EntityManager,
    workspaceId: string,
    contactId: string,
  ): Promise<void> {
    await manager.delete(ContactHistoryEntity, { workspaceId, contactId });
  }

  /** Deletes up to `limit` entries older than `before`, oldest first; returns how many. */
  async purgeBefore(before: Date, limit: number): Promise<number> {
    const [, count]: [unknown, number] = await this.history.query(
      `DELETE FROM contact_history WHERE id IN (
         SELECT id FROM contact_history WHERE occurred_at < $1 ORDER BY occurred_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    );
    return count;
  }
}
