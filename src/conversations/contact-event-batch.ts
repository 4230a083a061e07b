import type { ContactEventPayload } from '../contacts/events/contact-event-payload';
import type { OutboxBatchOutcomes } from '../outbox/outbox-consumer.decorator';
import { contactKey, type ConversationsService } from './conversations.service';

/**
 * For the consumers of contact events that keep conversations and messages linked: runs `work`
 * once for each contact of the batch that has a conversation to link or refresh, and answers one
 * outcome per event (the events of one contact share its work's).
 *
 * Which contacts have anything to do is one statement for the whole batch
 * (`contactsWithConversations`): a conversation linked to the contact, or an unlinked one at a
 * number the event's contact has. The event's numbers, not the contact's current ones: when they
 * differ, a later event of the contact carries the current ones, and its own delivery looks at
 * them (`work` itself always reads the contact as it is now).
 */
export async function forContactsWithConversations(
  events: readonly ContactEventPayload[],
  conversations: ConversationsService,
  work: (workspaceId: string, contactId: string) => Promise<void>,
): Promise<OutboxBatchOutcomes> {
  const contacts = new Map<string, { workspaceId: string; contactId: string; phones: string[] }>();
  for (const { workspaceId, contactId, contact } of events) {
    const key = contactKey(workspaceId, contactId);
    const known = contacts.get(key) ?? { workspaceId, contactId, phones: [] };
    for (const phone of [contact?.phone, ...(contact?.additionalPhones ?? [])]) {
      if (phone && !known.phones.includes(phone)) known.phones.push(phone);
    }
    contacts.set(key, known);
  }
  const todo = await conversations.contactsWithConversations([...contacts.values()]);
  const done = new Map<string, Promise<void>>();
  for (const key of todo) {
    const { workspaceId, contactId } = contacts.get(key) ?? {};
    if (workspaceId && contactId) done.set(key, work(workspaceId, contactId));
  }
  return events.map(
    (event) => done.get(contactKey(event.workspaceId, event.contactId)) ?? Promise.resolve(),
  );
}
