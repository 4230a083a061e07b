import type { Extension, PGlite } from '@electric-sql/pglite';

/** The packages of the embedded database: optional dependencies, absent from the Docker image. */
export const PGLITE_PACKAGES = ['@electric-sql/pglite', '@electric-sql/pglite-socket'];

/** PGlite and the extensions the schema needs. */
export interface PgliteModules {
  PGlite: typeof PGlite;
  extensions: { pg_trgm: Extension; btree_gin: Extension };
}

/** Raised when DATABASE_URL is unset in an installation without the embedded database. */
export class EmbeddedDatabaseNotInstalledError extends Error {
  constructor(cause: unknown) {
    super(
      'DATABASE_URL is not set, and the embedded database is not installed here ' +
        `(${PGLITE_PACKAGES.join(', ')}: optional dependencies, which \`npm ci --omit=optional\` ` +
        'and the Docker image leave out). Set DATABASE_URL to a PostgreSQL database, or install ' +
        'with optional dependencies (`npm ci`).',
      { cause },
    );
    this.name = 'EmbeddedDatabaseNotInstalledError';
  }
}

function isMissingPackage(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    PGLITE_PACKAGES.some((name) => message.includes(name))
  );
}

/**
 * Loads PGlite (with its socket server, which `PgliteSessionServer` imports) only when the
 * embedded database is used: with DATABASE_URL set, nothing of it is ever required, so a
 * production install may omit it. A missing package is said in one clear message.
 */
export async function loadPglite(): Promise<PgliteModules> {
  try {
    const [{ PGlite }, { pg_trgm }, { btree_gin }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/btree_gin'),
      import('@electric-sql/pglite-socket'),
    ]);
    return { PGlite, extensions: { pg_trgm, btree_gin } };
  } catch (error) {
    throw isMissingPackage(error) ? new EmbeddedDatabaseNotInstalledError(error) : error;
  }
}
