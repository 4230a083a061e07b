/**
 * The one envelope of every event that leaves the service (SPEC §12): a webhook's body and a NATS
 * message alike. Versioned: a field is only ever added to `data`; anything else is a new
 * `version` (sent side by side while receivers move).
 */
export const ENVELOPE_VERSION = 1;

/** Every event type published outside, in the order the catalogue lists them. */
export const EVENT_TYPES = [
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.restored',
  'contact.merged',
  'contact.erased',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** The fields of an outbox payload that make up `data` (the rest is the outbox's own bookkeeping). */
const DATA_FIELDS = [
  'eventId',
  'workspaceId',
  'contactId',
  'occurredAt',
  'sequence',
  'contact',
  'changes',
  'targetId',
  'sourceIds',
  'erasedAt',
] as const;

export interface EventEnvelope {
  /** The event id: `webhook-id` of a webhook, `Nats-Msg-Id` of a NATS message. */
  id: string;
  type: EventType;
  version: typeof ENVELOPE_VERSION;
  /** When the change happened (ISO-8601 UTC with milliseconds). */
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The envelope of an event as the outbox holds it (its JSON payload). A payload whose personal
 * values were erased keeps its ids and times only: so does its envelope.
 */
export function toEnvelope(payload: Record<string, unknown>): EventEnvelope {
  const type = String(payload.eventName);
  if (!isEventType(type)) throw new Error(`Not a published event type: ${type}`);
  const data: Record<string, unknown> = {};
  for (const field of DATA_FIELDS) if (payload[field] !== undefined) data[field] = payload[field];
  return {
    id: String(payload.eventId),
    type,
    version: ENVELOPE_VERSION,
    timestamp: String(payload.occurredAt),
    data,
  };
}
