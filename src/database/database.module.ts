import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseMigrator } from './database-migrator';
import { type DatabaseConnection, typeOrmOptions } from './typeorm-options';

@Module({})
export class DatabaseModule {
  /** `migrateOnStart`: apply pending migrations at init (when MIGRATIONS_RUN is on too). */
  static forRoot(connection: DatabaseConnection, { migrateOnStart = true } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(typeOrmOptions(connection))],
      providers: migrateOnStart ? [DatabaseMigrator] : [],
    };
  }
}
