import { OnEvent } from '@nestjs/event-emitter';

/** Consumers by event name, filled when the consumer classes are loaded. */
const consumersByEvent = new Map<string, Set<string>>();

/** The event-emitter channel on which one consumer receives one kind of event. */
export function deliveryChannel(eventName: string, consumer: string): string {
  return `${eventName}::${consumer}`;
}

export function consumersOf(eventName: string): string[] {
  return [...(consumersByEvent.get(eventName) ?? [])];
}

/**
 * Subscribes a method to an event delivered through the transactional outbox: at least once,
 * after the change committed, retried with backoff when it throws, parked as failed after the
 * last attempt. The consumer name is stable (it names the delivery rows); the method must be
 * idempotent. Errors are not suppressed: they are what tells the dispatcher to retry.
 */
export function OnOutboxEvent(eventName: string, consumer: string): MethodDecorator {
  if (!/^[a-z][a-z0-9.-]{0,99}$/.test(consumer)) throw new Error(`Invalid consumer name "${consumer}"`);
  const consumers = consumersByEvent.get(eventName) ?? new Set<string>();
  consumers.add(consumer);
  consumersByEvent.set(eventName, consumers);
  return OnEvent(deliveryChannel(eventName, consumer), { suppressErrors: false });
}
