import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseMigrator } from './database-migrator';
import { type DatabaseConnection, typeOrmOptions } from './typeorm-options';

@Module({})
export class DatabaseModule {
  static forRoot(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(typeOrmOptions(connection))],
      providers: [DatabaseMigrator],
    };
  }
}
