import { Logger } from '@nestjs/common';

/**
 * Runs before every test file (jest `setupFiles`). What Nest logs outside an application, where
 * no pino logger is in place yet (a testing module, a module graph built twice: "A data source
 * with the default name is already registered"), stays out of the test output unless the
 * developer sets LOG_LEVEL. Applications started by the tests log through pino, at
 * `process.env.LOG_LEVEL` or silently (test/utils/create-test-app.ts). Failures are jest's own
 * output and are never hidden.
 */
if (!process.env.LOG_LEVEL) Logger.overrideLogger(false);
