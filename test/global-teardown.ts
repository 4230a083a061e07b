import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__TEST_DATABASE__?.close();
  // The embedded database of the run (hundreds of MB): nothing of it is kept.
  if (globalThis.__TEST_DATABASE_DIR__) {
    rmSync(globalThis.__TEST_DATABASE_DIR__, { recursive: true, force: true });
  }
}
