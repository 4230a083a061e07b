import { ContactEvent } from './contact-event';

/** The contact as it was when deleted. */
export class ContactDeletedEvent extends ContactEvent {
  static readonly eventName = 'contact.deleted' as const;
  readonly eventName = ContactDeletedEvent.eventName;
}
