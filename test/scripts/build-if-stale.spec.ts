import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildIfStale, inputs, STAMP, staleReason } from '../../scripts/build-if-stale';

/**
 * When `npm run cli` (and start, seed:demo, migrations, benchmarks) may skip the build: on a
 * copy of the project's layout in a temporary folder, with a fake compiler that writes dist/.
 */
describe('scripts/build-if-stale.js', () => {
  let root: string;
  let compiled: number;
  /** Writes dist/ like tsc does and exits with `status`. */
  const compiler =
    (status = 0) =>
    (dir: string): number => {
      compiled += 1;
      for (const out of ['dist/src/main.js', 'dist/src/cli/main.js']) write(out, '', dir);
      return status;
    };
  const write = (rel: string, text: string, dir = root): void => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  /** Sets a file's modification time `seconds` from now (negative: in the past). */
  const touch = (rel: string, seconds: number): void => {
    const at = new Date(Date.now() + seconds * 1000);
    utimesSync(join(root, rel), at, at);
  };
  const build = (options: { force?: boolean; status?: number } = {}): number =>
    buildIfStale(root, { force: options.force, compile: compiler(options.status) });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-if-stale-'));
    compiled = 0;
    write('src/main.ts', 'export const a = 1;\n');
    write('src/cli/main.ts', 'export const b = 1;\n');
    write('src/contacts/contacts.service.spec.ts', 'test\n');
    write('migrations/1-Init.ts', 'export class Init {}\n');
    write('bench/run.ts', '\n');
    write('bench/smoke.sh', '#!/bin/sh\n');
    write('tsconfig.json', '{}\n');
    write(
      'tsconfig.build.json',
      JSON.stringify({
        extends: './tsconfig.json',
        include: ['src', 'migrations', 'bench'],
        exclude: ['**/*.spec.ts', 'test'],
      }),
    );
    write('package-lock.json', '{}\n');
    write('node_modules/.package-lock.json', '{}\n');
    write('test/some.e2e-spec.ts', '\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes the compiled sources, the tsconfig files and the installed dependencies as inputs', () => {
    expect(inputs(root)).toEqual([
      'bench/run.ts',
      'migrations/1-Init.ts',
      'node_modules/.package-lock.json',
      'package-lock.json',
      'src/cli/main.ts',
      'src/main.ts',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
  });

  it('follows the folders tsconfig.build.json includes (globs cut at the first wildcard) and excludes', () => {
    write('clients/client.ts', '\n');
    write('src/generated/skip.ts', '\n');
    write(
      'tsconfig.build.json',
      JSON.stringify({
        extends: './tsconfig.json',
        include: ['./src/**/*', 'clients'],
        exclude: ['**/*.spec.ts', 'src/generated'],
      }),
    );
    expect(inputs(root)).toEqual([
      'clients/client.ts',
      'node_modules/.package-lock.json',
      'package-lock.json',
      'src/cli/main.ts',
      'src/main.ts',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
  });

  it('builds every time while tsconfig.build.json cannot be read', () => {
    write('tsconfig.build.json', '{ // a comment\n}');
    expect(staleReason(root)).toBe('tsconfig.build.json could not be read');
    build();
    build();
    expect(compiled).toBe(2);
  });

  it('builds when nothing was built yet, then not again while nothing changes', () => {
    expect(staleReason(root)).toBe('no successful build recorded');
    expect(build()).toBe(0);
    expect(compiled).toBe(1);
    expect(staleReason(root)).toBeNull();
    expect(build()).toBe(0);
    expect(compiled).toBe(1);
  });

  it.each([
    ['an edited source', () => write('src/main.ts', 'export const a = 2;\n')],
    [
      'a source put back as it was with an older time',
      () => {
        write('src/main.ts', 'export const a = 2;\n');
        build();
        write('src/main.ts', 'export const a = 1;\n');
        touch('src/main.ts', -3600);
      },
    ],
    ['a new source', () => write('src/contacts/new.ts', '\n')],
    ['a deleted source', () => rmSync(join(root, 'src/cli/main.ts'))],
    ['an edited migration', () => write('migrations/1-Init.ts', 'export class Init2 {}\n')],
    ['an edited benchmark', () => write('bench/run.ts', '// more\n')],
    ['a changed tsconfig', () => write('tsconfig.json', '{ "compilerOptions": {} }\n')],
    ['another package-lock.json', () => write('package-lock.json', '{ "v": 2 }\n')],
    ['an npm install since', () => write('node_modules/.package-lock.json', '{ "v": 2 }\n')],
  ])('rebuilds after %s', (_what, change) => {
    build();
    change();
    expect(staleReason(root)).toBe('sources changed since the last build');
    const before = compiled;
    build();
    expect(compiled).toBe(before + 1);
    expect(staleReason(root)).toBeNull();
  });

  it.each([
    [
      'a change to a spec (not compiled by the build)',
      () => write('src/contacts/contacts.service.spec.ts', 'more\n'),
    ],
    [
      'a change to an e2e test (not compiled by the build)',
      () => write('test/some.e2e-spec.ts', 'more\n'),
    ],
    ['a benchmark report written (not a source)', () => write('bench/out/RESULTS.md', 'x\n')],
    [
      'a change to a shell script (not compiled)',
      () => write('bench/smoke.sh', '#!/bin/sh\necho\n'),
    ],
    ['a new time on an unchanged source (a checkout, a touch)', () => touch('src/main.ts', 5)],
  ])('does not rebuild after %s', (_what, change) => {
    build();
    change();
    expect(staleReason(root)).toBeNull();
  });

  it('rebuilds when a built entry point is missing', () => {
    build();
    rmSync(join(root, 'dist/src/cli/main.js'));
    expect(staleReason(root)).toBe('dist/src/cli/main.js is missing');
  });

  it('--force builds even when up to date', () => {
    build();
    expect(build({ force: true })).toBe(0);
    expect(compiled).toBe(2);
  });

  it('a failed build leaves no stamp: the next run builds again', () => {
    build();
    write('src/main.ts', 'broken(\n');
    expect(build({ status: 2 })).toBe(2);
    expect(staleReason(root)).toBe('no successful build recorded');
    expect(build({ status: 2 })).toBe(2);
    expect(compiled).toBe(3);
  });

  it('a source saved while the compiler runs leaves the build stale', () => {
    buildIfStale(root, {
      compile: (dir) => {
        const status = compiler()(dir);
        write('src/main.ts', 'export const a = 3;\n'); // saved mid-build
        return status;
      },
    });
    expect(readFileSync(join(root, STAMP), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(staleReason(root)).toBe('sources changed since the last build');
  });
});
