import { ContactCreatedEvent } from './contact-created.event';
import { ContactUpdatedEvent } from './contact-updated.event';

/** Event name → payload class: emitters and `@OnEvent` listeners take their names from here. */
export const ContactEvents = {
  [ContactCreatedEvent.eventName]: ContactCreatedEvent,
  [ContactUpdatedEvent.eventName]: ContactUpdatedEvent,
} as const;

export type ContactEventName = keyof typeof ContactEvents;
export type ContactEvent = InstanceType<(typeof ContactEvents)[ContactEventName]>;
