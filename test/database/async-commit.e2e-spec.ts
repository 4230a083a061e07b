import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASYNC_COMMIT } from '../../src/database/async-commit';
import { createTestApp } from '../utils/create-test-app';

/**
 * The delivery bookkeeping's statements commit without waiting for the WAL flush through the
 * ASYNC_COMMIT FROM item: it turns `synchronous_commit` off for the statement's transaction, and
 * for nothing after it on the same pooled connection.
 */
describe('ASYNC_COMMIT', () => {
  let app: INestApplication;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  it("turns synchronous_commit off for its statement's transaction only", async () => {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      const setting = async () =>
        ((await runner.query(`SHOW synchronous_commit`)) as { synchronous_commit: string }[])[0]
          .synchronous_commit;
      await runner.query(`CREATE TEMP TABLE async_probe (n int)`);
      await runner.query(`INSERT INTO async_probe VALUES (1)`);
      expect(await setting()).toBe('on');

      await runner.startTransaction();
      await runner.query(`UPDATE async_probe p SET n = p.n + 1 FROM ${ASYNC_COMMIT}`);
      expect(await setting()).toBe('off');
      await runner.commitTransaction();

      // The connection goes back to the pool as it was; and the change was committed.
      expect(await setting()).toBe('on');
      expect(await runner.query(`SELECT n FROM async_probe`)).toEqual([{ n: 2 }]);
    } finally {
      await runner.release();
    }
  });
});
