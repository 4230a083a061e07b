import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/validation/cursor';
import { validateInput } from '../common/validation/validation';
import { type ContactChange, ContactsRepository, type FeedPosition } from './contacts.repository';
import { ChangesQueryDto } from './dto/changes.query.dto';

/** A page of the change feed: the changes, each with its cursor, and where to go on from. */
export interface ContactChangesPage {
  items: (ContactChange & { cursor: string })[];
  nextCursor: string | null;
}

const FEED_CURSOR = 'f';
const encodeFeedCursor = ({ xid, seq }: FeedPosition): string =>
  encodeCursor(FEED_CURSOR, `${xid}.${seq}`);
function decodeFeedCursor(cursor: string): FeedPosition {
  const [, xid, seq] = decodeCursor(FEED_CURSOR, cursor, /^(\d{1,20})\.(\d{1,19})$/);
  return { xid, seq };
}

/**
 * The change feed (SPEC §11): every change of a workspace's contacts in one total order that a
 * follower can trust. The database writes the changes (triggers) and decides what is settled
 * (migration ContactChanges); this reads pages of them.
 */
@Injectable()
export class ContactFeed {
  constructor(private readonly contacts: ContactsRepository) {}

  async changes(workspaceId: string, input: unknown): Promise<ContactChangesPage> {
    const { after, limit } = validateInput(ChangesQueryDto, input);
    const rows = await this.contacts.changesAfter(
      workspaceId,
      after === undefined ? null : decodeFeedCursor(after),
      limit,
    );
    const items = rows.map((change) => ({ ...change, cursor: encodeFeedCursor(change.position) }));
    return {
      items,
      nextCursor: items.length > 0 ? items[items.length - 1].cursor : (after ?? null),
    };
  }
}
