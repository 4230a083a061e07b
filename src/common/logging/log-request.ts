import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

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
  };
  if (status >= 500) PinoLogger.root.error(line, 'request failed');
  else PinoLogger.root.info(line, 'request completed');
}
