import { type DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import type { DestinationStream } from 'pino';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { EnvironmentVariables } from './config/environment.variables';
import { ContactsModule } from './contacts/contacts.module';
import { ConversationsModule } from './conversations/conversations.module';
import { MessagingModule } from './messaging/messaging.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { LoggingModule } from './common/logging/logging.module';
import { DatabaseModule } from './database/database.module';
import type { DatabaseConnection } from './database/typeorm-options';
import { BrokerModule } from './broker/broker.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { MetricsModule } from './metrics/metrics.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

export interface AppModuleOptions {
  env: EnvironmentVariables;
  database: DatabaseConnection;
  /** Where log lines go (standard output when not given). */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot({ env, database, logDestination }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule.forRoot(logDestination),
        DatabaseModule.forRoot(database, {
          timeouts: {
            statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
            connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
          },
        }),
        EventEmitterModule.forRoot(),
        WorkspacesModule,
        AuthModule,
        IdempotencyModule,
        ContactsModule,
        ConversationsModule,
        MessagingModule,
        WebhooksModule,
        BrokerModule.forRoot(
          env.NATS_URL
            ? {
                url: env.NATS_URL,
                stream: env.NATS_STREAM,
                duplicateWindowMs: env.NATS_DUPLICATE_WINDOW_MS,
                maxAgeDays: env.NATS_MAX_AGE_DAYS,
              }
            : null,
        ),
        DashboardModule,
        MetricsModule,
        HealthModule,
      ],
    };
  }
}
