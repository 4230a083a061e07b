import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigValidationError,
  EnvironmentVariables,
  loadEnvironment,
  SETTING_NAMES,
  validateEnvironment,
} from './environment.variables';

function problemsOf(raw: Record<string, string>): ConfigValidationError {
  try {
    validateEnvironment(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return error as ConfigValidationError;
  }
  throw new Error('expected the environment to be refused');
}

describe('validateEnvironment', () => {
  it('reads every setting, the optional ones without a default included (none is listed by hand)', () => {
    expect(SETTING_NAMES).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'TRUST_PROXY', 'INSTANCE_NAME']),
    );
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(Object.keys(new EnvironmentVariables())));
    const env = validateEnvironment({ TRUST_PROXY: '1', INSTANCE_NAME: 'api-1', UNRELATED: 'x' });
    expect({ trust: env.TRUST_PROXY, instance: env.INSTANCE_NAME }).toEqual({
      trust: '1',
      instance: 'api-1',
    });
    expect(env).not.toHaveProperty('UNRELATED');
  });

  it('gives the documented defaults for an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_POOL_SIZE: 20,
      EMBEDDED_DB_DIR: '.data/pglite',
      MIGRATIONS_RUN: true,
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1024 * 1024,
      // SPEC §3: the figures fixed by the original API, plus a default for the others.
      RATE_LIMIT_CONTACTS_LIST: 60,
      RATE_LIMIT_CONTACTS_CREATE: 30,
      RATE_LIMIT_CONTACTS_UPDATE: 30,
      RATE_LIMIT_CONTACTS_GET: 300,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('reads numbers and booleans from strings, and an empty variable as unset', () => {
    const env = validateEnvironment({
      PORT: '8080',
      DATABASE_POOL_SIZE: ' 20 ',
      MIGRATIONS_RUN: 'false',
      DATABASE_URL: '',
      LOG_LEVEL: '',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_POOL_SIZE: 20,
      MIGRATIONS_RUN: false,
      LOG_LEVEL: 'info',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('accepts port 0 (any free port) and a postgres URL', () => {
    const env = validateEnvironment({
      PORT: '0',
      DATABASE_URL: 'postgresql://app:pw@db:5432/contacts',
    });
    expect(env.PORT).toBe(0);
    expect(env.DATABASE_URL).toBe('postgresql://app:pw@db:5432/contacts');
  });

  it('ignores variables it does not know', () => {
    expect(() => validateEnvironment({ SOMETHING_ELSE: 'x', PATH: '/bin' })).not.toThrow();
  });

  it.each(['abc', '-1', '65536', '80.5', '3000abc'])(
    'refuses PORT=%j, naming PORT without printing the value',
    (port) => {
      const error = problemsOf({ PORT: port });
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(/^PORT: /);
      expect(error.message).toContain('PORT');
      expect(error.message).not.toContain(port);
    },
  );

  it('refuses a DATABASE_URL that is not postgres, without printing it (it may hold a password)', () => {
    const url = 'mysql://admin:Sup3rS3cretPw@db.internal:3306/contacts';
    const error = problemsOf({ DATABASE_URL: url });
    expect(error.problems).toEqual([expect.stringMatching(/^DATABASE_URL: /)]);
    for (const leaked of [url, 'Sup3rS3cretPw', 'admin', 'db.internal']) {
      expect(error.message).not.toContain(leaked);
      expect(String(error.stack)).not.toContain(leaked);
    }
  });

  it('refuses a REDIS_URL that is not redis, without printing it', () => {
    const error = problemsOf({ REDIS_URL: 'http://default:R3disPassw0rd@cache:6379' });
    expect(error.problems).toEqual([expect.stringMatching(/^REDIS_URL: /)]);
    expect(error.message).not.toContain('R3disPassw0rd');
  });

  it('names every bad variable at once', () => {
    const error = problemsOf({
      PORT: 'http',
      DATABASE_URL: 'redis://:hunter2@cache:6379',
      LOG_LEVEL: 'loud',
      MIGRATIONS_RUN: 'maybe',
      DATABASE_POOL_SIZE: '1',
      BODY_LIMIT_BYTES: '10',
      NODE_ENV: 'staging',
    });
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'BODY_LIMIT_BYTES',
      'DATABASE_POOL_SIZE',
      'DATABASE_URL',
      'LOG_LEVEL',
      'MIGRATIONS_RUN',
      'NODE_ENV',
      'PORT',
    ]);
    for (const value of ['hunter2', 'redis://', 'loud', 'maybe', 'staging']) {
      expect(error.message).not.toContain(value);
    }
  });
});

describe('.env.example', () => {
  it('lists every setting with its default (commented out when it has none)', () => {
    const lines = readFileSync(join(__dirname, '../../.env.example'), 'utf8').split('\n');
    const defaults = new EnvironmentVariables() as unknown as Record<
      string,
      string | number | boolean | undefined
    >;
    const expected = SETTING_NAMES.map((name) => {
      const value = defaults[name];
      return value === undefined ? `# ${name}=` : `${name}=${String(value)}`;
    });
    expect(lines.filter((line) => /^(# )?[A-Z_]+=/.test(line))).toEqual(expected);
  });
});

describe('loadEnvironment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('completes the environment from ENV_FILE (a .env by default); variables already set win; `none` reads nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    const file = join(dir, '.env');
    try {
      writeFileSync(file, 'PORT=4321\nLOG_LEVEL=debug\nINSTANCE_NAME=from-file\n');
      process.env.ENV_FILE = file;
      process.env.LOG_LEVEL = 'warn';
      delete process.env.PORT;
      delete process.env.INSTANCE_NAME;
      expect(loadEnvironment()).toMatchObject({
        PORT: 4321,
        LOG_LEVEL: 'warn',
        INSTANCE_NAME: 'from-file',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    delete process.env.PORT;
    delete process.env.INSTANCE_NAME;
    process.env.ENV_FILE = 'none';
    expect(loadEnvironment()).toMatchObject({ PORT: 3000, INSTANCE_NAME: undefined });
  });
});

describe('the Node version', () => {
  it('.nvmrc and package.json engines agree, and this Node satisfies them', () => {
    const nvmrc = readFileSync(join(__dirname, '../../.nvmrc'), 'utf8').trim();
    const engines = (
      JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
        engines: { node: string };
      }
    ).engines.node;
    expect(engines).toBe(`>=${nvmrc}`);
    const [major, minor] = process.versions.node.split('.').map(Number);
    const [wantMajor, wantMinor] = nvmrc.split('.').map(Number);
    expect(major > wantMajor || (major === wantMajor && minor >= wantMinor)).toBe(true);
  });
});
