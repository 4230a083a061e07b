import { ContactEvent } from './contact-event';

/** The contact, live again. */
export class ContactRestoredEvent extends ContactEvent {
  static readonly eventName = 'contact.restored' as const;
  readonly eventName = ContactRestoredEvent.eventName;
}
