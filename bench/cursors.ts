/**
 * The service's own cursors for positions the bench picks (issue 13). Cursors are opaque, so the
 * bench does not build them: their encoders are private to `ContactsService` and `ContactFeed`,
 * and each is reached through the public method that uses it, with a repository that answers just
 * the position. A change of the cursor format is then the bench's too (and a change of those
 * methods' signatures fails its build).
 */
import { ContactFeed } from '../src/contacts/contact-feed';
import type {
  ContactChange,
  ContactsRepository,
  FeedPosition,
} from '../src/contacts/contacts.repository';
import type { ListPosition } from '../src/contacts/contacts.sql';
import { ContactsService } from '../src/contacts/contacts.service';

const none = undefined as never;

/** The `after` that lists the contacts after `position` (its creation time and id), as a page's `nextCursor` does. */
export async function listCursorOf(workspaceId: string, position: ListPosition): Promise<string> {
  // A first page of one contact out of two: its nextCursor continues after that contact.
  const repository = {
    pageOfAll: () => Promise.resolve({ items: [position], total: 2 }),
  } as unknown as ContactsRepository;
  const service = new ContactsService(
    repository,
    none,
    none,
    none,
    none,
    none,
    none,
    none,
    none,
    none,
    none,
  );
  const page = await service.list(workspaceId, { limit: 1 });
  if (!page.nextCursor) {
    throw new Error('ContactsService.list gave no cursor for a page followed by another');
  }
  return page.nextCursor;
}

/** The `after` that follows the change feed after the change at `position`, as that change's `position` in the feed. */
export async function feedCursorOf(workspaceId: string, position: FeedPosition): Promise<string> {
  const change: ContactChange = {
    position,
    type: 'updated',
    contactId: '',
    occurredAt: new Date(0),
    contact: null,
  };
  const repository = {
    changesAfter: () => Promise.resolve([change]),
  } as unknown as ContactsRepository;
  const page = await new ContactFeed(repository).changes(workspaceId, { limit: 1 });
  return page.items[0].cursor;
}
