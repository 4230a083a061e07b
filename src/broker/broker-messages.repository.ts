import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Every statement on `broker_messages`. */
@Injectable()
export class BrokerMessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    eventId: string,
    workspaceId: string,
    contactId: string,
    stream: string,
    seq: number,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO broker_messages (event_id, workspace_id, contact_id, stream, stream_seq) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id) DO NOTHING`,
      [eventId, workspaceId, contactId, stream, seq],
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
