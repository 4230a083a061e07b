import { createConnection, createServer, type Server, type Socket } from 'node:net';

type Target = { host: string; port: number } | { path: string };

/** Where a PostgreSQL URL points: host and port, or a unix socket (`?host=/dir`). */
export function postgresTarget(url: string): Target {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get('host');
  if (socketDir?.startsWith('/')) return { path: `${socketDir}/.s.PGSQL.${parsed.port || '5432'}` };
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 5432) };
}

/** The same PostgreSQL URL, through `127.0.0.1:<port>` instead. */
export function throughProxy(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('host');
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

/**
 * A TCP proxy between the service and its database, to take the database away and give it back:
 * `refuse()` closes every connection and refuses new ones (a database that is down), `hang()`
 * accepts and holds connections without forwarding a byte (a database that does not answer),
 * `restore()` forwards again.
 */
export class TcpProxy {
  private mode: 'forward' | 'refuse' | 'hang' = 'forward';
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();
  private readonly marked = new WeakMap<[Socket, Socket], { seen: boolean }>();
  private onClientData?: (pair: [Socket, Socket], chunk: Buffer) => void;
  private server?: Server;
  port = 0;

  constructor(private readonly target: Target) {}

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  refuse(): void {
    this.mode = 'refuse';
    this.dropAll();
  }

  hang(): void {
    this.mode = 'hang';
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /**
   * From now on, a connection whose client sends `marker` (a statement of the transaction under
   * test, e.g. `INSERT INTO "contacts"`) forwards its next `COMMIT` and then nothing more back: the
   * database commits, the service never hears so. Resolves when that COMMIT has gone through.
   */
  holdAfterCommitOf(marker: string): Promise<void> {
    return new Promise((resolve) => {
      this.onClientData = (pair, chunk) => {
        const text = chunk.toString('latin1');
        const state = this.marked.get(pair) ?? { seen: false };
        if (!state.seen && text.includes(marker)) state.seen = true;
        this.marked.set(pair, state);
        if (state.seen && /\bCOMMIT\b/.test(text)) {
          const [client, upstream] = pair;
          upstream.unpipe(client);
          upstream.pause();
          this.onClientData = undefined;
          resolve();
        }
      };
    });
  }

  restore(): void {
    this.mode = 'forward';
    this.dropAll(); // held connections are broken: the pool replaces them
  }

  async stop(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private accept(client: Socket): void {
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    this.track(client);
    if (this.mode === 'hang') {
      client.pause();
      return;
    }
    const upstream = createConnection(this.target);
    this.track(upstream);
    client.pipe(upstream).pipe(client);
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => this.onClientData?.(pair, chunk));
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.pairs.clear();
  }
}
