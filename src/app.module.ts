import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ApiKeyGuard } from './common/auth/api-key.guard';
import { ScopesGuard } from './common/auth/scopes.guard';
import { ApiKeyThrottlerGuard } from './common/throttling/api-key-throttler.guard';
import { AuthFailureGuard } from './common/throttling/auth-failure.guard';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { ConfigModule } from './config/config.module';
import type { EnvironmentVariables } from './config/environment.variables';
import { ContactsModule } from './contacts/contacts.module';
import { ConversationsModule } from './conversations/conversations.module';
import { MessagingModule } from './messaging/messaging.module';
import { OutboxModule } from './outbox/outbox.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './common/logging/logging.module';
import { DatabaseModule } from './database/database.module';
import type { DatabaseConnection } from './database/typeorm-options';
import { WorkspacesModule } from './workspaces/workspaces.module';

export interface AppModuleOptions {
  env: EnvironmentVariables;
  database: DatabaseConnection;
}

@Module({})
export class AppModule {
  static forRoot({ env, database }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggingModule,
        DatabaseModule.forRoot(database),
        EventEmitterModule.forRoot(),
        WorkspacesModule,
        ApiKeysModule,
        ThrottlingModule,
        OutboxModule,
        ContactsModule,
        ConversationsModule,
        MessagingModule,
        HealthModule,
      ],
      providers: [
        // The one global guard chain, in this order and declared only here:
        // 1. refuse addresses flooding bad keys (before any database work),
        // 2. authenticate the key (a failure counts against the address),
        // 3. rate-limit per key and route (needs the key; before the route does any work),
        // 4. authorise: the route's scopes.
        { provide: APP_GUARD, useClass: AuthFailureGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: ApiKeyThrottlerGuard },
        { provide: APP_GUARD, useClass: ScopesGuard },
      ],
    };
  }
}
