import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { WriteContext } from '../common/context/write-context';
import { newId } from '../common/ids/object-id';
import { ContactHistoryEntity, type FieldChange, type HistoryType } from './entities/contact-history.entity';

/** Every statement on `contact_history`. */
@Injectable()
export class ContactHistoryRepository {
  constructor(@InjectRepository(ContactHistoryEntity) private readonly history: Repository<ContactHistoryEntity>) {}

  /** Records one change of a contact, inside the transaction of the change. */
  async record(
    manager: EntityManager,
    entry: { workspaceId: string; contactId: string; type: HistoryType; occurredAt: Date; changes: FieldChange[] },
    context: WriteContext,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO contact_history (id, workspace_id, contact_id, type, occurred_at, actor, changes, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        newId(),
        entry.workspaceId,
        entry.contactId,
        entry.type,
        entry.occurredAt,
        JSON.stringify(context.actor),
        JSON.stringify(entry.changes),
        context.requestId ?? null,
      ],
    );
  }

  /** Newest first, after the entry `after` (exclusive) when given; `limit` + 1 read to know if more follow. */
  page(workspaceId: string, contactId: string, after: string | undefined, limit: number): Promise<ContactHistoryEntity[]> {
    return this.history
      .createQueryBuilder('h')
      .where('h.workspace_id = :workspaceId AND h.contact_id = :contactId', { workspaceId, contactId })
      .andWhere(after ? 'h.id < :after' : 'true', { after })
      .orderBy('h.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /** Every entry of the contact (an erased contact keeps no history). */
  async deleteForContact(manager: EntityManager, workspaceId: string, contactId: string): Promise<void> {
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
