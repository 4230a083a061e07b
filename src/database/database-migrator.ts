import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { runMigrationsLocked } from './run-migrations';
import { type DatabaseConnection, typeOrmOptions } from './typeorm-options';

export const DATABASE_CONNECTION = Symbol('DatabaseConnection');

/**
 * Applies pending migrations when the app starts, unless MIGRATIONS_RUN is off. On a connection
 * of its own, without the service's statement timeout: building an index on a large table, or
 * waiting for another instance's migrations, takes longer than any request may.
 */
@Injectable()
export class DatabaseMigrator implements OnModuleInit {
  private readonly logger = new Logger(DatabaseMigrator.name);

  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.MIGRATIONS_RUN) return;
    const dataSource = new DataSource(typeOrmOptions({ url: this.connection.url, poolSize: 1 }));
    await dataSource.initialize();
    try {
      const applied = await runMigrationsLocked(dataSource);
      if (applied.length > 0) {
        this.logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
      }
    } finally {
      await dataSource.destroy();
    }
  }
}
