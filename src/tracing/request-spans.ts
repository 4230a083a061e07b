import { isSpanContextValid, trace } from '@opentelemetry/api';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { FastifyInstance } from 'fastify';

/**
 * Names each request's server span by its route template (`GET /v1/contacts/:id`, never the
 * path with its ids) and gives it the route and the request id (the `X-Request-Id` a client
 * reports), as soon as Fastify has matched the route.
 */
export function nameRequestSpans(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const span = trace.getActiveSpan();
    const route = request.routeOptions.url;
    if (span) {
      if (route) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      span.setAttribute('safravo.request_id', request.id);
    }
    done();
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
