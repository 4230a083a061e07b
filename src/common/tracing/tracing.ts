import type { IncomingMessage } from 'node:http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_URL_QUERY } from '@opentelemetry/semantic-conventions';
import { setTracingMode } from './tracing-mode';

/** The name spans carry when OTEL_SERVICE_NAME is not set. */
export const DEFAULT_SERVICE_NAME = 'safravo-contacts';

/** A running tracer: `shutdown` exports what is buffered and stops. */
export interface Tracing {
  readonly exporting: boolean;
  shutdown(): Promise<void>;
}

/** Paths polled by load balancers and scrapers: no trace for them (nothing to learn, much noise). */
const UNTRACED_PATHS = /^\/(health\/|metrics(\?|$))/;

/**
 * A query string as a span may carry it: the parameter names, never their values (a search term
 * is an email or a phone number; a sign-in link carries its token). The log lines follow the same
 * rule (they carry the path only).
 */
export function redactedQuery(url: string | undefined): string | undefined {
  const at = url?.indexOf('?') ?? -1;
  if (!url || at < 0) return undefined;
  return [...new URLSearchParams(url.slice(at + 1)).keys()]
    .map((name) => `${encodeURIComponent(name)}=REDACTED`)
    .join('&');
}

/**
 * OpenTelemetry traces (SPEC §8). With an exporter (OTEL_EXPORTER_OTLP_ENDPOINT or
 * ..._TRACES_ENDPOINT, and the exporter's standard settings: headers, timeout, OTEL_BSP_*
 * batching, OTEL_TRACES_SAMPLER): spans for incoming HTTP requests (named by route template, see
 * `request-spans.ts`), PostgreSQL statements (`pg`), Redis commands (`ioredis`) and each outbox
 * delivery, as a child of the request that wrote the event (see `outbox-trace.ts`), exported by
 * OTLP/HTTP.
 *
 * Without one, the instrumentations are not installed at all: recording nothing, they would still
 * cost CPU on every request, statement and command (bench/observability.ts measures it). Each request still gets a span context
 * (`request-spans.ts`), so log lines and outbox deliveries carry its trace id. OTEL_SDK_DISABLED=true
 * turns all of it off. `extraProcessors` (tests): record spans, as when exporting.
 *
 * Must run before `http`, `pg` and `ioredis` are first required: instrumentations patch them as
 * they load (`main.ts` imports `start-tracing` first).
 */
export function startTracing(
  env: NodeJS.ProcessEnv = process.env,
  extraProcessors: SpanProcessor[] = [],
): Tracing | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const exporting = Boolean(
    env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim(),
  );
  const recording = exporting || extraProcessors.length > 0;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME,
      ...(env.INSTANCE_NAME ? { 'service.instance.id': env.INSTANCE_NAME } : {}),
    }),
    // Recording: OTEL_TRACES_SAMPLER decides (parent-based, always on, by default).
    ...(recording ? {} : { sampler: new AlwaysOffSampler() }),
    spanProcessors: [
      ...(exporting ? [new BatchSpanProcessor(new OTLPTraceExporter())] : []),
      ...extraProcessors,
    ],
  });
  // The global tracer provider, the AsyncLocalStorage context manager, W3C trace context.
  provider.register();
  setTracingMode(recording ? 'spans' : 'ids');
  const unregister = recording
    ? registerInstrumentations({
        tracerProvider: provider,
        instrumentations: [
          new HttpInstrumentation({
            ignoreIncomingRequestHook: (request: IncomingMessage) =>
              UNTRACED_PATHS.test(request.url ?? ''),
            startIncomingSpanHook: (request: IncomingMessage) => {
              const query = redactedQuery(request.url);
              return query === undefined ? {} : { [ATTR_URL_QUERY]: query };
            },
            // Outgoing: the webhook sender uses undici, not `http`; what is left is the OTLP export.
            disableOutgoingRequestInstrumentation: true,
          }),
          // Statements as text with their placeholders, never the values bound to them.
          new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
          // A command's name only: keys hold client addresses (the failed-auth limit's), values more.
          new IORedisInstrumentation({
            requireParentSpan: true,
            dbStatementSerializer: (command: string) => command,
          }),
        ],
      })
    : () => undefined;
  return {
    exporting,
    async shutdown() {
      unregister();
      setTracingMode('off');
      await provider.shutdown();
    },
  };
}
