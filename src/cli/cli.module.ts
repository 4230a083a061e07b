import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ConfigModule } from '../config/config.module';
import { DashboardSessionsModule } from '../dashboard/sessions/dashboard-sessions.module';
import type { EnvironmentVariables } from '../config/environment.variables';
import { DatabaseModule } from '../database/database.module';
import type { DatabaseConnection } from '../database/typeorm-options';

/** The services the command-line tool needs, on the same configuration as the service. */
@Module({})
export class CliModule {
  static forRoot(env: EnvironmentVariables, database: DatabaseConnection): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(env),
        DatabaseModule.forRoot(database, { migrateOnStart: false }),
        ApiKeysModule,
        DashboardSessionsModule,
      ],
    };
  }
}
