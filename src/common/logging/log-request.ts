import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { requestTraceFields } from '../tracing/request-spans';

/**
 * One log line per request: request id, method, route pattern, status, latency and the key's
 * display prefix. Never the key itself, never headers or bodies. Health checks (polled every few
 * seconds by the load balancer) are not logged.
 */
export function logRequest(request: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  // A 503 is an outage of a dependency, already logged once with its cause: a warning.
  const level = status === 503 ? 'warn' : status >= 500 ? 'error' : 'info';
  // Below the logger's level (LOG_LEVEL=warn in production, say): nothing to build.
  if (!PinoLogger.root.isLevelEnabled(level)) return;
  const route = request.routeOptions.url;
  if (route?.startsWith('/health/')) return;
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
  if (level === 'error') PinoLogger.root.error(line, 'request failed');
  else if (level === 'warn') PinoLogger.root.warn(line, 'request refused: service unavailable');
  else PinoLogger.root.info(line, 'request completed');
}
