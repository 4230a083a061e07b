import type { ContactResponse } from '../dto/contact.response';

/**
 * What every contact event delivered through the outbox carries (its JSON form): the ids and the
 * contact after the change (none for `contact.erased`, which carries no personal value).
 * Consumers that only need to know which contact changed read these fields; `contact.updated`
 * adds `changes` (see ContactUpdatedEvent).
 */
export interface ContactEventPayload {
  eventId: string;
  eventName: string;
  workspaceId: string;
  contactId: string;
  occurredAt: string;
  sequence: number;
  contact?: ContactResponse;
}
