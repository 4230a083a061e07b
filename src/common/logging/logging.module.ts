import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';

/**
 * Structured JSON logs (pino, through nestjs-pino for every Nest logger). The line per request
 * is written by `logRequest` (a Fastify hook, which sees the route pattern and the caller).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          transport: config.LOG_PRETTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          autoLogging: false,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
