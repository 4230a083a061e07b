import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** How a receiver answers one request: a status, after a delay. */
export type Answer = { status: number; delayMs?: number; headers?: Record<string, string> };

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request and answers with what
 * `answer` says (200 by default), so a test can play a healthy, failing, slow or gone endpoint.
 */
export class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received, index: number) => Answer = () => ({ status: 200 });
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          at: Date.now(),
        };
        const { status, delayMs = 0, headers = {} } = this.answer(request, this.received.length);
        this.received.push(request);
        setTimeout(() => res.writeHead(status, headers).end('ok'), delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/hook`;
  }

  /** The bodies received, parsed. */
  messages<T = { id: string; type: string; data: Record<string, unknown> }>(): T[] {
    return this.received.map((r) => JSON.parse(r.body) as T);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
