import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { FastifyInstance } from 'fastify';
import { tracingMode } from './tracing-mode';

const tracer = trace.getTracer('safravo-contacts');

/**
 * Gives each request its span, once Fastify has matched the route. Recording (`spans`): the HTTP
 * instrumentation's server span is named by route template (`GET /v1/contacts/:id`, never the
 * path with its ids) and given the route and the request id (the `X-Request-Id` a client
 * reports). Not recording (`ids`): a span context of its own, child of the caller's `traceparent`
 * when there is one, under which the rest of the request runs (its body's events included), so
 * that its log lines and the events it writes carry the trace id.
 */
export function nameRequestSpans(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    const current = tracingMode();
    if (current === 'spans') {
      const span = trace.getActiveSpan();
      if (span && route) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      span?.setAttribute('safravo.request_id', request.id);
      done();
    } else if (current === 'ids' && !route?.startsWith('/health/')) {
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const span = tracer.startSpan(
        `${request.method} ${route ?? ''}`,
        { kind: SpanKind.SERVER },
        parent,
      );
      const within = trace.setSpan(parent, span);
      // The request's body is read, and its answer written, from the socket's callbacks.
      context.bind(within, request.raw);
      context.bind(within, reply.raw);
      context.with(within, done);
    } else {
      done();
    }
  });
}

/**
 * The fields every log line carries when it is written within a span (pino's `mixin`): the trace
 * id finds the request's spans in the tracing backend, and the lines of one delivery, however
 * far from the request that caused it.
 */
export function traceFields(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return {
    trace_id: context.traceId,
    span_id: context.spanId,
    trace_flags: context.traceFlags.toString(16).padStart(2, '0'),
  };
}
