import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import {
  currentTraceCarrier,
  deliverySpan,
  endDeliverySpan,
  outsideAnyTrace,
} from './outbox-trace';

/** The outbox's trace propagation, with an in-memory exporter: request → stored carrier → delivery. */
describe('outbox trace propagation', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });

  // The global provider, AsyncLocalStorage context manager and W3C propagator, as in the service.
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());

  it("stores the writing request's trace context and makes each delivery a child of it", async () => {
    const tracer = trace.getTracer('test');
    const request = tracer.startSpan('POST /v1/contacts');
    const carrier = context.with(trace.setSpan(ROOT_CONTEXT, request), () => currentTraceCarrier());
    request.end();
    expect(carrier?.traceparent).toMatch(
      new RegExp(`^00-${request.spanContext().traceId}-${request.spanContext().spanId}-01$`),
    );

    // Later, in the dispatcher, outside the request (as a kick from another request would be).
    const other = tracer.startSpan('another request');
    const delivered = { event_id: 'e1', event_name: 'contact.created', consumer: 'test' };
    const traceInside = await context.with(trace.setSpan(ROOT_CONTEXT, other), () =>
      outsideAnyTrace(async () => {
        const span = deliverySpan({ ...delivered, trace_context: carrier });
        const inside = context.with(trace.setSpan(context.active(), span), () =>
          Promise.resolve(trace.getActiveSpan()?.spanContext().traceId),
        );
        endDeliverySpan(span, { ok: true });
        return inside;
      }),
    );
    expect(traceInside).toBe(request.spanContext().traceId);
    other.end();
    const delivery = exporter.getFinishedSpans().find((s) => s.name.startsWith('outbox'));
    expect(delivery?.name).toBe('outbox contact.created → test');
    expect(delivery?.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(delivery?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(delivery?.attributes).toMatchObject({
      'messaging.destination.name': 'test',
      'messaging.message.id': 'e1',
    });
  });

  it('marks a failed delivery on its span; without a stored context: a trace of its own', () => {
    const span = deliverySpan({ event_id: 'e2', event_name: 'contact.updated', consumer: 'test' });
    endDeliverySpan(span, { ok: false, error: 'consumer down' });
    const [finished] = exporter.getFinishedSpans();
    expect(finished.status).toEqual({ code: SpanStatusCode.ERROR, message: 'consumer down' });
    expect(finished.parentSpanContext).toBeUndefined();
    expect(outsideAnyTrace(() => currentTraceCarrier())).toBeNull();
  });
});
