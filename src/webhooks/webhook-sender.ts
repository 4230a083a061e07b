import { Agent, request } from 'undici';
import { assertPublicLiteral, publicOnlyLookup } from './receiver-address';

/** What one attempt came to. */
export interface SendResult {
  /** 2xx: the endpoint took the event. */
  ok: boolean;
  /** The endpoint's status; null when there was none (refused, timed out, ...). */
  statusCode: number | null;
  latencyMs: number;
  /** Why it failed, for the delivery log (never the endpoint's answer body). */
  error: string | null;
}

/**
 * Sends webhook requests: one POST, a timeout on the whole exchange, redirects never followed
 * (a 3xx is a failed attempt), the answer's body read and dropped (at most 64 KB), and the
 * connection refused when the address is not public (unless private addresses are allowed).
 * Keep-alive connections per origin, so a busy endpoint is not a TLS handshake per event.
 */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(
    private readonly timeoutMs: number,
    private readonly allowPrivate: boolean,
  ) {
    this.agent = new Agent({
      connect: allowPrivate
        ? { timeout: timeoutMs }
        : { timeout: timeoutMs, lookup: publicOnlyLookup },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 30_000,
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const target = new URL(url);
      if (!this.allowPrivate) assertPublicLiteral(target);
      const response = await request(target, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'user-agent': 'Safravo-Webhooks/1',
        },
        body,
        dispatcher: this.agent,
        maxRedirections: 0,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await drain(response.body);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        ok,
        statusCode: response.statusCode,
        latencyMs: elapsed(),
        error: ok ? null : `the endpoint answered ${response.statusCode}`,
      };
    } catch (error) {
      return { ok: false, statusCode: null, latencyMs: elapsed(), error: describe(error) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Reads an answer's body to its end (so the connection can be reused), keeping none of it past 64 KB. */
async function drain(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<void> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > 65_536) {
      body.destroy();
      return;
    }
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = (cause ?? error) as { name?: unknown; code?: unknown; message?: unknown };
  // Read by shape: the abort is a DOMException, which is not always an `Error` of this realm.
  const name = (error as { name?: unknown }).name;
  if (name === 'TimeoutError' || name === 'AbortError' || inner.name === 'TimeoutError') {
    return 'timed out';
  }
  const message = typeof inner.message === 'string' ? inner.message : 'the request failed';
  return (typeof inner.code === 'string' ? `${inner.code}: ${message}` : message).slice(0, 500);
}
