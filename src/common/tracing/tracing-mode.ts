/**
 * How this process traces, set once by `startTracing`: `off` (OTEL_SDK_DISABLED=true, or tracing
 * never started: the tests' in-process apps, the CLI), `ids` (no exporter: each request gets a
 * span context, from its `traceparent` or new, so its log lines and the events it writes carry a
 * trace id, and nothing else is done), `spans` (exporting: the instrumentations record spans).
 */
export type TracingMode = 'off' | 'ids' | 'spans';
let mode: TracingMode = 'off';

export function tracingMode(): TracingMode {
  return mode;
}

/** Set by `startTracing` and its shutdown only. */
export function setTracingMode(next: TracingMode): void {
  mode = next;
}
