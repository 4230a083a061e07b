import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/database/embedded-database';

const NODE_MODULES = join(__dirname, '../../node_modules');

/** The PGlite release the template was made by: a new one may lay its files out otherwise. */
function pgliteVersion(): string {
  // Not among the package's exports: read where npm puts it.
  const manifest = join(NODE_MODULES, '@electric-sql/pglite/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * In the project's own `node_modules/.cache` (where tools keep what they can make again): the
 * user's, not a shared temp folder where someone else could have put one first; `npm ci` clears it.
 */
const CACHE = join(NODE_MODULES, '.cache', 'safravo');
const TEMPLATE = join(CACHE, `pglite-template-${pgliteVersion()}`);

/**
 * Fills `dataDir` with the files of a new embedded database, as the first start of the service
 * on an empty folder leaves them (nothing migrated yet). PGlite's initdb runs PostgreSQL's
 * bootstrap in WebAssembly: 6 to 15 s of CPU here, each time. The suites that start processes on
 * the embedded database paid it for every folder of their own; now it runs once per installation
 * (per PGlite release) and each folder is a copy. Tests whose subject is the creation of a data folder
 * do not use it.
 */
export async function newEmbeddedDataDir(dataDir: string): Promise<void> {
  if (!existsSync(TEMPLATE)) await makeTemplate();
  cpSync(join(TEMPLATE, 'pglite'), dataDir, { recursive: true });
}

async function makeTemplate(): Promise<void> {
  // Made aside and renamed into place: a test never copies a half-made template, and when two
  // test workers make one at once, the first rename wins and the other's is thrown away.
  mkdirSync(CACHE, { recursive: true });
  const building = mkdtempSync(`${TEMPLATE}-building-`);
  try {
    const handle = await openDatabase({
      DATABASE_POOL_SIZE: 2,
      EMBEDDED_DB_DIR: join(building, 'pglite'),
    });
    await handle.close();
    renameSync(building, TEMPLATE);
  } catch (error) {
    if (!existsSync(TEMPLATE)) throw error;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
