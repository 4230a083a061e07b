import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASYNC_COMMIT } from '../database/async-commit';

/** An event published to the stream, and its place there. */
export interface PublishedMessage {
  eventId: string;
  workspaceId: string;
  contactId: string;
  stream: string;
  seq: number;
}

/** Every statement on `broker_messages`. */
@Injectable()
export class BrokerMessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Where published events went, in one statement; an event recorded already is kept as it was. */
  async record(messages: PublishedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO broker_messages (event_id, workspace_id, contact_id, stream, stream_seq)
       SELECT m.* FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::bigint[]) AS m, ${ASYNC_COMMIT}
       ON CONFLICT (event_id) DO NOTHING`,
      [
        messages.map((m) => m.eventId),
        messages.map((m) => m.workspaceId),
        messages.map((m) => m.contactId),
        messages.map((m) => m.stream),
        messages.map((m) => m.seq),
      ],
    );
  }

  /** Where the contact's published events are in the streams. */
  of(
    workspaceId: string,
    contactId: string,
  ): Promise<{ event_id: string; stream: string; stream_seq: string }[]> {
    return this.dataSource.query(
      `SELECT event_id, stream, stream_seq FROM broker_messages WHERE workspace_id = $1 AND contact_id = $2 ORDER BY stream_seq`,
      [workspaceId, contactId],
    );
  }

  async forget(eventIds: string[]): Promise<void> {
    if (eventIds.length > 0) {
      await this.dataSource.query(`DELETE FROM broker_messages WHERE event_id = ANY($1::uuid[])`, [
        eventIds,
      ]);
    }
  }

  /** Deletes up to `limit` records published before `before` (the stream has dropped those messages by then). */
  async purge(before: Date, limit: number): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM broker_messages WHERE event_id IN (SELECT event_id FROM broker_messages WHERE published_at < $1 ORDER BY published_at LIMIT $2)`,
      [before, limit],
    );
    return count;
  }
}
