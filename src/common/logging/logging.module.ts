import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../../config/app-config';
import { traceFields } from '../tracing/request-spans';

/** Never written to a log, wherever they appear in a logged object. */
const REDACTED_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers["x-api-key"]',
];

/**
 * Structured JSON logs (pino, through nestjs-pino for every Nest logger). The line per request
 * is written by `logRequest` (a Fastify hook, which sees the route pattern and the caller). A line
 * logged while a request is served carries only its request id (`reqId`): never its headers (the
 * API key) nor its URL (a query string holds search terms: emails, phone numbers).
 */
@Module({})
export class LoggingModule {
  /** `destination`: where the lines go (standard output when not given). */
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const options = {
              level: config.LOG_LEVEL,
              transport:
                config.LOG_PRETTY && !destination
                  ? { target: 'pino-pretty', options: { singleLine: true } }
                  : undefined,
              // The trace and span ids of the span the line is written in (OpenTelemetry).
              mixin: traceFields,
              autoLogging: false,
              quietReqLogger: true,
              quietResLogger: true,
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              serializers: {
                req: (req: { id?: unknown; method?: string; url?: string }) => ({
                  id: req.id,
                  method: req.method,
                  path: req.url?.split('?')[0],
                }),
              },
            };
            return { pinoHttp: destination ? [options, destination] : options };
          },
        }),
      ],
    };
  }
}
