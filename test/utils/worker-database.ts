/**
 * Runs before every test file (jest `setupFiles`). On a PostgreSQL server, the global setup gives
 * each jest worker a migrated database of its own (`<database>_w<worker>`, a copy of the run's
 * database): test files running side by side never share one, so no test sees another's outbox
 * dispatcher claim its deliveries, nor another's rows in a count.
 */
const base = process.env.TEST_WORKER_DATABASE_BASE;
const worker = process.env.JEST_WORKER_ID;
if (base && worker) {
  const url = new URL(base);
  url.pathname = `${url.pathname}_w${worker}`;
  process.env.DATABASE_URL = url.toString();
}
