import {
  type Context,
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tracingMode } from './tracing-mode';

const tracer = trace.getTracer('safravo-contacts');

/**
 * Gives each request its span, once Fastify has matched the route. Recording (`spans`): the HTTP
 * instrumentation's server span is named by route template (`GET /v1/contacts/:id`, never the
 * path with its ids) and given the route and the request id (the `X-Request-Id` a client
 * reports). Not recording (`ids`): a request that comes with a caller's `traceparent` runs in a
 * span context of its own, a child of the caller's, so that its log lines and the events it
 * writes carry the caller's trace id. A request without one runs in no trace at all: a trace id
 * that nothing records would only repeat the request id, and entering a context is what costs:
 * its AsyncLocalStorage then tags every promise (a get by id takes ~25% more CPU in a caller's
 * trace than outside any: bench/observability.ts).
 */
export function nameRequestSpans(fastify: FastifyInstance): void {
  reenterRequestContext(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    const current = tracingMode();
    if (current === 'spans') {
      const route = request.routeOptions.url;
      const span = trace.getActiveSpan();
      if (span && route) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      span?.setAttribute('safravo.request_id', request.id);
      done();
    } else if (current === 'ids' && request.headers.traceparent !== undefined) {
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const span = tracer.startSpan(
        `${request.method} ${request.routeOptions.url ?? ''}`,
        { kind: SpanKind.SERVER },
        parent,
      );
      const within = trace.setSpan(parent, span);
      REQUEST_CONTEXT.set(request, within);
      context.with(within, done);
    } else {
      done();
    }
  });
}

/** Each request's context in the `ids` mode, to enter it again once its body is read. */
const REQUEST_CONTEXT = new WeakMap<FastifyRequest, Context>();

/**
 * In the `ids` mode: the request's context again once its body has been read (in the socket's
 * callbacks, outside it). Binding the request's and response's emitters to it instead, as the
 * HTTP instrumentation does, costs much more: every listener of both is wrapped.
 */
function reenterRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const within = REQUEST_CONTEXT.get(request);
    if (within) context.with(within, done);
    else done();
  });
}

/** The trace fields of a request's own log line (written after it, outside its context). */
export function requestTraceFields(request: FastifyRequest): Record<string, string> {
  const within = REQUEST_CONTEXT.get(request);
  return within ? spanFields(trace.getSpan(within)) : traceFields();
}

/**
 * The fields every log line carries when it is written within a span (pino's `mixin`): the trace
 * id finds the request's spans in the tracing backend, and the lines of one delivery, however
 * far from the request that caused it.
 */
export function traceFields(): Record<string, string> {
  return spanFields(trace.getActiveSpan());
}

function spanFields(span: Span | undefined): Record<string, string> {
  const context = span?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return {
    trace_id: context.traceId,
    span_id: context.spanId,
    trace_flags: context.traceFlags.toString(16).padStart(2, '0'),
  };
}
