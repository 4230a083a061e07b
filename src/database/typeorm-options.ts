import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseConnection {
  url: string;
  poolSize: number;
}

/** Bounds on every wait for the database (the service's; the CLI and migrations run without). */
export interface DatabaseTimeouts {
  /** PostgreSQL's `statement_timeout`; the driver gives up one second after it (a dead network). */
  statementMs: number;
  /** A new connection, or a free connection of the pool. */
  connectMs: number;
}

/** A transaction left open by a crashed caller frees its locks after this. */
const IDLE_IN_TRANSACTION_MS = 60_000;

/** The one set of TypeORM options, shared by the app, the CLI and `data-source.ts`. */
export function typeOrmOptions(
  { url, poolSize }: DatabaseConnection,
  timeouts?: DatabaseTimeouts,
): DataSourceOptions {
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
    ...(timeouts && {
      connectTimeoutMS: timeouts.connectMs,
      extra: {
        statement_timeout: timeouts.statementMs,
        query_timeout: timeouts.statementMs + 1000,
        idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
        keepAlive: true,
      },
    }),
  };
}
