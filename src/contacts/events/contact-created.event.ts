import { ContactEvent } from './contact-event';

export class ContactCreatedEvent extends ContactEvent {
  static readonly eventName = 'contact.created' as const;
  readonly eventName = ContactCreatedEvent.eventName;
}
