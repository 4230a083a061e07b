import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/** The W3C trace context of the request that wrote an event (`traceparent`, `tracestate`). */
export type TraceCarrier = Record<string, string>;

const tracer = trace.getTracer('safravo-contacts');

/**
 * The trace context to store with the events written now: the current request's (or delivery's),
 * or null outside any trace (a CLI command, tracing off). Stored with the outbox event, so its
 * delivery, however much later and on whichever instance, continues the request's trace.
 */
export function currentTraceCarrier(): TraceCarrier | null {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : null;
}

/** What a delivery's span is made from. */
export interface TracedDelivery {
  event_id: string;
  event_name: string;
  consumer: string;
  trace_context?: TraceCarrier | null;
}

/**
 * A span for the delivery of one event to one consumer, a child of the request that wrote the
 * event (its stored `trace_context`; a trace of its own when there is none). Not made active:
 * the caller runs the consumer within it (`context.with`) or, for a batch, around it.
 */
export function deliverySpan(delivery: TracedDelivery): Span {
  const parent = delivery.trace_context
    ? propagation.extract(ROOT_CONTEXT, delivery.trace_context)
    : ROOT_CONTEXT;
  return tracer.startSpan(
    `outbox ${delivery.event_name} → ${delivery.consumer}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'safravo.outbox',
        'messaging.operation.type': 'process',
        'messaging.destination.name': delivery.consumer,
        'messaging.message.id': delivery.event_id,
      },
    },
    parent,
  );
}

/**
 * The span a batch consumer's call runs in (its statements are its children): a trace of its own,
 * linked to the batch's delivery spans, which sit in the traces of the requests that wrote the
 * events (a batch holds the events of many requests).
 */
export function batchSpan(consumer: string, deliveries: Span[]): Span {
  return tracer.startSpan(`outbox batch → ${consumer}`, {
    kind: SpanKind.CONSUMER,
    root: true,
    links: deliveries.map((span) => ({ context: span.spanContext() })),
    attributes: {
      'messaging.system': 'safravo.outbox',
      'messaging.operation.type': 'process',
      'messaging.destination.name': consumer,
      'messaging.batch.message_count': deliveries.length,
    },
  });
}

/** Ends a delivery's span with its outcome: a failure marks it failed, with the reason. */
export function endDeliverySpan(
  span: Span,
  outcome: { ok: true } | { ok: false; error: string },
): void {
  if (!outcome.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error });
  span.end();
}

/**
 * Runs `work` outside any request's trace: the dispatcher is kicked from the request that wrote
 * the events, but a batch it then claims holds the events of many requests; each delivery gets
 * its own parent instead (`deliverySpan`).
 */
export function outsideAnyTrace<T>(work: () => T): T {
  // Entered only when in a trace: entering any context starts the context manager's
  // AsyncLocalStorage, which every later promise of the process then pays for.
  return context.active() === ROOT_CONTEXT ? work() : context.with(ROOT_CONTEXT, work);
}

/**
 * Runs `work` within `span` when there is a trace to continue: always when spans are recorded,
 * otherwise only for a delivery whose event was written in a trace (see `outsideAnyTrace`).
 */
export function withinSpan<T>(span: Span, traced: boolean, work: () => T): T {
  return traced || span.isRecording()
    ? context.with(trace.setSpan(context.active(), span), work)
    : work();
}
