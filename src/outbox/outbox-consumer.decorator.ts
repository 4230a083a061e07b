import { OnEvent } from '@nestjs/event-emitter';
import type { DomainEvent } from '../common/events/domain-event';

/** Metadata key of `@OnOutboxEvent` on a method: the subscriptions it declares. */
export const OUTBOX_SUBSCRIPTIONS = Symbol('outboxSubscriptions');

/** One consumer's subscription to one kind of event. */
export interface OutboxSubscription {
  eventName: string;
  consumer: string;
  /** Each aggregate's events strictly in order: one is delivered only once every earlier one is done. */
  ordered: boolean;
}

export interface OutboxEventOptions {
  /**
   * Deliver each aggregate's events to this consumer strictly in order (by the aggregate's
   * sequence): an event waits until every earlier event of its aggregate has been delivered (or
   * parked as failed). For consumers that publish outside (webhooks, a broker), where the order
   * is what a receiver sees. Other consumers read current state and need not wait.
   */
  ordered?: boolean;
}

/** The event-emitter channel on which one consumer receives one kind of event. */
export function deliveryChannel(eventName: string, consumer: string): string {
  return `${eventName}::${consumer}`;
}

/** An event class: its static `eventName` is the one name emitter and listeners use. */
export interface EventClass<E extends DomainEvent> {
  readonly eventName: string;
  new (...args: never[]): E;
}

/**
 * Subscribes a method of a provider to an event delivered through the transactional outbox: at
 * least once, after the change committed, retried with backoff when it throws, parked as failed
 * after the last attempt. The event is named by its class (so a listener cannot misspell it) and
 * the method must accept that class's payload (checked by the compiler). The consumer name is
 * stable (it names the delivery rows); the method must be idempotent. Errors are not suppressed:
 * they are what tells the dispatcher to retry.
 *
 * `OutboxConsumerRegistry` finds these methods at bootstrap, among the providers of the modules
 * the application imports: the module graph decides who consumes what.
 */
export function OnOutboxEvent<E extends DomainEvent>(
  event: EventClass<E>,
  consumer: string,
  { ordered = false }: OutboxEventOptions = {},
) {
  if (!/^[a-z][a-z0-9.-]{0,99}$/.test(consumer)) {
    throw new Error(`Invalid consumer name "${consumer}"`);
  }
  const subscribe = OnEvent(deliveryChannel(event.eventName, consumer), { suppressErrors: false });
  return <M extends (payload: E) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const method = descriptor.value as object;
    const declared =
      (Reflect.getMetadata(OUTBOX_SUBSCRIPTIONS, method) as OutboxSubscription[] | undefined) ?? [];
    Reflect.defineMetadata(
      OUTBOX_SUBSCRIPTIONS,
      [...declared, { eventName: event.eventName, consumer, ordered }],
      method,
    );
    subscribe(target, key, descriptor);
  };
}
