import { connect, type Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';
import { errorShapeProblems } from './utils/expect-error';

/** What the server wrote on a raw connection before closing it, and when it closed. */
function rawExchange(
  port: number,
  send: (socket: Socket) => void,
  giveUpMs: number,
): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => send(socket));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
    socket.on('error', () => undefined);
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server still held the connection after ${giveUpMs} ms`));
    }, giveUpMs).unref();
  });
}

function parseResponse(text: string) {
  const [head, body] = text.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [
      l.slice(0, l.indexOf(':')).toLowerCase(),
      l.slice(l.indexOf(':') + 1).trim(),
    ]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as unknown };
}

/** A client that never finishes its request does not hold a connection for minutes. */
describe('slow clients', () => {
  let app: NestFastifyApplication;
  let port: number;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await createTestApp({ HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_HEADERS_TIMEOUT_MS: '1000' });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('a body that never finishes gets 408 in the error shape and the connection closed, after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const { text, closedAfterMs } = await rawExchange(
      port,
      (socket) =>
        socket.write(
          `POST /v1/contacts HTTP/1.1\r\nHost: x\r\nX-API-Key: ${ws.apiKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"firstName":`,
        ),
      8000,
    );
    const response = parseResponse(text);
    expect(response.status).toBe(408);
    expect(errorShapeProblems(response)).toEqual([]);
    expect(response.body).toMatchObject({ code: 'request_timeout' });
    expect(closedAfterMs).toBeGreaterThanOrEqual(1400);
    expect(closedAfterMs).toBeLessThan(4000);
  });

  it('headers that never finish are cut off after HTTP_HEADERS_TIMEOUT_MS', async () => {
    const { text, closedAfterMs } = await rawExchange(
      port,
      (socket) => socket.write('GET /v1/contacts HTTP/1.1\r\nHost: x\r\nX-Slow: '),
      8000,
    );
    expect(parseResponse(text).status).toBe(408);
    expect(closedAfterMs).toBeLessThan(3500);
  });

  it('keeps idle connections longer than nginx keeps its upstream ones (60 s), by default', async () => {
    const defaults = await createTestApp();
    try {
      expect(defaults.getHttpServer().keepAliveTimeout).toBeGreaterThan(60_000);
      expect(defaults.getHttpServer().requestTimeout).toBe(30_000);
    } finally {
      await defaults.close();
    }
  });
});
