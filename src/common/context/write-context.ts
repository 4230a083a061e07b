/** Who makes a change: a key of the public API, or a module of the service itself. */
export type Actor =
  { type: 'api_key'; id: string; prefix: string } | { type: 'system'; module: string };

/** Who asked for a write, and in which request: recorded in the history of what it changes. */
export interface WriteContext {
  actor: Actor;
  /** The request id (`X-Request-Id`) of the request that caused the write, when there is one. */
  requestId?: string | null;
}

/** A write made by a module of the service itself (messaging, the retention job, the CLI, ...). */
export function systemWrite(module: string, requestId?: string | null): WriteContext {
  return { actor: { type: 'system', module }, requestId: requestId ?? null };
}
