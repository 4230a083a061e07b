import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseConnection {
  url: string;
  poolSize: number;
}

/** The one set of TypeORM options, shared by the app, the CLI and `data-source.ts`. */
export function typeOrmOptions({ url, poolSize }: DatabaseConnection): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false, // run by DatabaseMigrator under an advisory lock
    synchronize: false,
    poolSize,
    applicationName: 'safravo-contacts',
    logging: false,
  };
}
