import { OnEvent } from '@nestjs/event-emitter';
import type { DomainEvent } from '../common/events/domain-event';

/** Metadata key of `@OnOutboxEvent` on a method: the subscriptions it declares. */
export const OUTBOX_SUBSCRIPTIONS = Symbol('outboxSubscriptions');
/** Metadata key of `@OnOutboxBatch` on a method: the batch subscription it declares. */
export const OUTBOX_BATCH_SUBSCRIPTION = Symbol('outboxBatchSubscription');

/** One consumer's subscription to one kind of event. */
export interface OutboxSubscription {
  eventName: string;
  consumer: string;
  /** Each aggregate's events strictly in order: one is delivered only once every earlier one is done. */
  ordered: boolean;
}

/** A batch consumer's subscription: the kinds of event it takes, all through one method. */
export interface OutboxBatchSubscription {
  eventNames: string[];
  consumer: string;
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

/**
 * What a batch consumer answers: one promise per event it was given, in the same order. Each
 * settles its own delivery: fulfilled, the delivery is done; rejected, the attempt failed (retried
 * with backoff, parked after the last attempt); still pending after OUTBOX_DELIVERY_TIMEOUT_MS,
 * the attempt timed out (a failure too). Work done once for the whole batch (one statement) is one
 * promise shared by the events it covers.
 */
export type OutboxBatchOutcomes = readonly Promise<unknown>[];

/** The event-emitter channel on which one consumer receives one kind of event. */
export function deliveryChannel(eventName: string, consumer: string): string {
  return `${eventName}::${consumer}`;
}

/** An event class: its static `eventName` is the one name emitter and listeners use. */
export interface EventClass<E extends DomainEvent> {
  readonly eventName: string;
  new (...args: never[]): E;
}

function assertConsumerName(consumer: string): void {
  if (!/^[a-z][a-z0-9.-]{0,99}$/.test(consumer)) {
    throw new Error(`Invalid consumer name "${consumer}"`);
  }
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
 *
 * One call per delivery. A consumer that can do its work for many events at once (one statement,
 * one round of publications) should be an `@OnOutboxBatch` consumer instead.
 */
export function OnOutboxEvent<E extends DomainEvent>(
  event: EventClass<E>,
  consumer: string,
  { ordered = false }: OutboxEventOptions = {},
) {
  assertConsumerName(consumer);
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

/**
 * Subscribes a method to the outbox deliveries of these events to `consumer`, a claimed batch at
 * a time: the method gets the payloads of every delivery of one claim (up to OUTBOX_BATCH_SIZE,
 * in the order of their aggregates' sequences) and answers one promise per event
 * (`OutboxBatchOutcomes`), so that one bad event fails alone. The same guarantees as
 * `@OnOutboxEvent`: at least once, retries with backoff and parking per delivery, idempotent
 * consumers; an `ordered` consumer's batch holds at most one event per aggregate (the earliest
 * one not yet done), so its events can be handled concurrently. A consumer that is not ordered
 * may get several events of one aggregate in a batch.
 *
 * A thrown error (or a rejected answer) fails every delivery of the batch. One method per
 * consumer, and a consumer is either a batch consumer or an `@OnOutboxEvent` one.
 */
export function OnOutboxBatch<const C extends readonly EventClass<DomainEvent>[]>(
  events: C,
  consumer: string,
  { ordered = false }: OutboxEventOptions = {},
) {
  assertConsumerName(consumer);
  if (events.length === 0) throw new Error(`@OnOutboxBatch of ${consumer} names no event`);
  const subscription: OutboxBatchSubscription = {
    eventNames: events.map((event) => event.eventName),
    consumer,
    ordered,
  };
  return <
    M extends (
      events: readonly InstanceType<C[number]>[],
    ) => OutboxBatchOutcomes | Promise<OutboxBatchOutcomes>,
  >(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const method = descriptor.value as object;
    if (Reflect.getMetadata(OUTBOX_BATCH_SUBSCRIPTION, method)) {
      throw new Error(`One @OnOutboxBatch per method (${consumer})`);
    }
    Reflect.defineMetadata(OUTBOX_BATCH_SUBSCRIPTION, subscription, method);
  };
}
