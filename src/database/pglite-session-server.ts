import { createServer, type Server } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

type QueryQueue = ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'];

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/** ReadyForQuery ('Z', length 5) with transaction status Idle ('I'): the exchange is over. */
function endsIdle(tail: Uint8Array): boolean {
  const n = tail.length;
  return (
    n >= 6 &&
    tail[n - 6] === 0x5a &&
    tail[n - 5] === 0 &&
    tail[n - 4] === 0 &&
    tail[n - 3] === 0 &&
    tail[n - 2] === 5 &&
    tail[n - 1] === 0x49
  );
}

function keepTail(previous: Uint8Array, data: Uint8Array, size: number): Uint8Array {
  if (data.length >= size) return data.slice(data.length - size);
  const joined = new Uint8Array(previous.length + data.length);
  joined.set(previous);
  joined.set(data, previous.length);
  return joined.slice(Math.max(0, joined.length - size));
}

/**
 * Serialises client connections over PGlite's single backend session.
 *
 * pglite-socket's own queue takes protocol messages one at a time from every connection and
 * only keeps a connection's messages together inside an explicit transaction. Outside one, the
 * Parse of one connection can land between the Parse and the Bind of another ("bind message
 * supplies 2 parameters, but prepared statement requires 1"), which is a real failure under
 * concurrent use. This queue gives a connection the backend from its first message until the
 * backend answers ReadyForQuery with status Idle, so every query exchange and every transaction
 * runs whole; the other connections wait their turn.
 */
export class PgliteSessionQueue {
  private readonly queue: QueuedMessage[] = [];
  private owner: number | null = null;
  private processing = false;

  constructor(private readonly db: PGlite) {}

  enqueue(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].handlerId === handlerId) {
        this.queue[i].reject(new Error('Handler disconnected'));
        this.queue.splice(i, 1);
      }
    }
  }

  /** A connection that went away mid-exchange gives the backend back, rolled back if needed. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.process();
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const index =
          this.owner === null
            ? this.queue.length > 0
              ? 0
              : -1
            : this.queue.findIndex((m) => m.handlerId === this.owner);
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        this.owner = item.handlerId;
        let bytes = 0;
        let tail: Uint8Array = new Uint8Array(0);
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                tail = keepTail(tail, data, 6);
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          item.reject(error);
          continue;
        }
        if (endsIdle(tail)) this.owner = null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}

/** A unix-socket server in front of PGlite that keeps each connection's exchanges whole. */
export class PgliteSessionServer {
  private readonly handlers = new Set<PGLiteSocketHandler>();
  private readonly queue: PgliteSessionQueue;
  private server?: Server;

  constructor(
    private readonly db: PGlite,
    private readonly options: { path: string; maxConnections: number },
  ) {
    this.queue = new PgliteSessionQueue(db);
  }

  async start(): Promise<void> {
    const { PGLiteSocketHandler } = await import('@electric-sql/pglite-socket');
    await this.db.waitReady;
    const server = createServer((socket) => {
      if (this.handlers.size >= this.options.maxConnections) {
        socket.end();
        return;
      }
      const handler = new PGLiteSocketHandler({
        queryQueue: this.queue as unknown as QueryQueue,
        closeOnDetach: true,
      });
      this.handlers.add(handler);
      const forget = (): boolean => this.handlers.delete(handler);
      handler.addEventListener('close', forget);
      handler.addEventListener('error', forget);
      handler.attach(socket).catch(() => {
        forget();
        socket.destroy();
      });
    });
    server.maxConnections = this.options.maxConnections;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.handlers].map((h) => h.detach(true)));
    this.handlers.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
