import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { requestTraceFields } from '../tracing/request-spans';

/**
 * One log line per request: request id, method, route pattern, status, latency and the key's
 * display prefix. Never the key itself, never headers or bodies. Health checks (polled every few
 * seconds by the load balancer) are not logged.
 */
export function logRequest(request: FastifyRequest, reply: FastifyReply): void {
  const route = request.routeOptions.url;
  if (route?.startsWith('/health/')) return;
  const status = reply.statusCode;
  const line = {
    requestId: request.id,
    method: request.method,
    route: route ?? null,
    status,
    latencyMs: Math.round(reply.elapsedTime * 10) / 10,
    keyPrefix: request.auth?.keyPrefix ?? null,
    // Written once the answer is sent, outside the request's context: its trace ids explicitly.
    ...requestTraceFields(request),
  };
  // A 503 is an outage of a dependency, already logged once with its cause: a warning.
  if (status >= 500 && status !== 503) PinoLogger.root.error(line, 'request failed');
  else if (status === 503) PinoLogger.root.warn(line, 'request refused: service unavailable');
  else PinoLogger.root.info(line, 'request completed');
}
