// NestJS 12 ships ESM only: @swc/jest compiles the project's TypeScript and the @nestjs
// packages to CommonJS (Jest cannot load them on Node 20 otherwise). swc does not type-check:
// `npm run typecheck` does.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

/** The dashboard's views (TSX, Preact's JSX runtime, rendered on the server). */
const swcTsx = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        react: { runtime: 'automatic', importSource: 'preact' },
      },
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc, '^.+\\.tsx$': swcTsx },
  // ESM-only packages compiled for jest: NestJS 12, and content-disposition (through @fastify/static).
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition)/)'],
  // The application's logs stay out of the output unless LOG_LEVEL is set (see the file); each
  // worker's own database, on a PostgreSQL server (see test/global-setup.ts).
  setupFiles: ['<rootDir>/test/utils/quiet-logs.ts', '<rootDir>/test/utils/worker-database.ts'],
};

// A developer's `.env` is for running the service, never for the tests (their children inherit this).
process.env.ENV_FILE = 'none';
// Services the tests start (several at once) serve their metrics on any free port.
process.env.METRICS_PORT = '0';
// ...and stop at once on SIGTERM: the load balancer's drain (SHUTDOWN_DRAIN_MS, 10 s) is what the
// shutdown, rolling-restart, topology and tracing tests test, and they set it themselves; in the
// others it added 10 s to every service they stopped.
process.env.SHUTDOWN_DRAIN_MS ??= '0';

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  // On a PostgreSQL server (DATABASE_URL) each worker has a database of its own, so two test files
  // run side by side (their tests wait on child processes, sockets and timers as much as they use
  // the CPU). On the embedded database, one at a time: its single session serves every test.
  maxWorkers: process.env.DATABASE_URL ? 2 : 1,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
