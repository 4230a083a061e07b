import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DATABASE_CONNECTION, DatabaseMigrator } from './database-migrator';
import { type DatabaseConnection, type DatabaseTimeouts, typeOrmOptions } from './typeorm-options';

export interface DatabaseModuleOptions {
  /** Apply pending migrations at init (when MIGRATIONS_RUN is on too). */
  migrateOnStart?: boolean;
  /** Bounds on every statement and connection of the pool (the service sets them). */
  timeouts?: DatabaseTimeouts;
}

@Module({})
export class DatabaseModule {
  static forRoot(
    connection: DatabaseConnection,
    { migrateOnStart = true, timeouts }: DatabaseModuleOptions = {},
  ): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(typeOrmOptions(connection, timeouts))],
      providers: migrateOnStart
        ? [{ provide: DATABASE_CONNECTION, useValue: connection }, DatabaseMigrator]
        : [],
    };
  }
}
