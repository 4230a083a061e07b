import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { serverDatabaseUrl } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const copies = globalThis.__TEST_WORKER_DATABASES__ ?? [];
  const url = globalThis.__TEST_DATABASE__?.url;
  if (copies.length > 0 && url) {
    const admin = new Client({ connectionString: serverDatabaseUrl(url) });
    await admin.connect();
    try {
      for (const copy of copies) {
        await admin.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
  }
  await globalThis.__TEST_DATABASE__?.close();
  // The embedded database of the run (hundreds of MB): nothing of it is kept.
  if (globalThis.__TEST_DATABASE_DIR__) {
    rmSync(globalThis.__TEST_DATABASE_DIR__, { recursive: true, force: true });
  }
}
