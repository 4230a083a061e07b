import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import pino, { type Level } from 'pino';
import { logRequest } from './log-request';

/** The request's log line as written, or nothing, at the root logger's `level`. */
function linesAt(level: Level, status: number, route = '/v1/contacts/:id'): object[] {
  const lines: object[] = [];
  const logger = pino(
    { level },
    { write: (line: string) => lines.push(JSON.parse(line) as object) },
  );
  jest.replaceProperty(PinoLogger, 'root', logger);
  const request = {
    id: 'req-1',
    method: 'GET',
    routeOptions: { url: route },
    auth: { keyPrefix: 'sk_live_ab12' },
  } as unknown as FastifyRequest;
  const reply = { statusCode: status, elapsedTime: 1.234 } as unknown as FastifyReply;
  logRequest(request, reply);
  return lines;
}

describe('logRequest', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes one line per request with its route, status, latency and key prefix', () => {
    expect(linesAt('info', 200)).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        requestId: 'req-1',
        route: '/v1/contacts/:id',
        status: 200,
        latencyMs: 1.2,
        keyPrefix: 'sk_live_ab12',
      }),
    ]);
  });

  it('below the logger’s level writes nothing, but failures still show at warn', () => {
    expect(linesAt('warn', 200)).toEqual([]);
    expect(linesAt('warn', 404)).toEqual([]);
    expect(linesAt('warn', 500)).toEqual([
      expect.objectContaining({ msg: 'request failed', level: 50, status: 500 }),
    ]);
    expect(linesAt('warn', 503)).toEqual([
      expect.objectContaining({ msg: 'request refused: service unavailable', level: 40 }),
    ]);
    expect(linesAt('error', 503)).toEqual([]);
  });

  it('leaves out health checks', () => {
    expect(linesAt('info', 200, '/health/ready')).toEqual([]);
  });
});
