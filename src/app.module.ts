import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ApiKeyGuard } from './common/auth/api-key.guard';
import { ScopesGuard } from './common/auth/scopes.guard';
import { ConfigModule } from './config/config.module';
import type { EnvironmentVariables } from './config/environment.variables';
import { ContactsModule } from './contacts/contacts.module';
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
        DatabaseModule.forRoot(database),
        EventEmitterModule.forRoot(),
        WorkspacesModule,
        ApiKeysModule,
        ContactsModule,
      ],
      providers: [
        // The one global guard chain, in order: authenticate, then authorise.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: ScopesGuard },
      ],
    };
  }
}
