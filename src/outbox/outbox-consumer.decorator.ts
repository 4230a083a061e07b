import type { DomainEvent } from '../common/events/domain-event';
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

/** An event class: its static `eventName` is the one name emitter and listeners use. */
export interface EventClass<E extends DomainEvent> {
  readonly eventName: string;
  new (...args: never[]): E;
}

/**
 * Subscribes a method to an event delivered through the transactional outbox: at least once,
 * after the change committed, retried with backoff when it throws, parked as failed after the
 * last attempt. The event is named by its class (so a listener cannot misspell it) and the
 * method must accept that class's payload (checked by the compiler). The consumer name is stable
 * (it names the delivery rows); the method must be idempotent. Errors are not suppressed: they
 * are what tells the dispatcher to retry.
 */
export function OnOutboxEvent<E extends DomainEvent>(event: EventClass<E>, consumer: string) {
  if (!/^[a-z][a-z0-9.-]{0,99}$/.test(consumer)) throw new Error(`Invalid consumer name "${consumer}"`);
  const consumers = consumersByEvent.get(event.eventName) ?? new Set<string>();
  consumers.add(consumer);
  consumersByEvent.set(event.eventName, consumers);
  const subscribe = OnEvent(deliveryChannel(event.eventName, consumer), { suppressErrors: false });
  return <M extends (payload: E) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    subscribe(target, key, descriptor);
  };
}
