import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnvironmentVariables } from '../../src/config/environment.variables';
import { PGLITE_PACKAGES } from '../../src/database/load-pglite';

/**
 * What can be checked of the Docker image without a Docker engine: the Dockerfile's stages, and
 * that the runtime stage's install (production dependencies without the optional ones) leaves
 * out only what the service does not need on DATABASE_URL. That the built service and CLI run
 * without PGlite is tested in test/database/without-pglite.e2e-spec.ts.
 */

const ROOT = resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface Stage {
  from: string;
  name?: string;
  instructions: string[];
}

/** The Dockerfile's stages: each FROM with the instructions after it (continuation lines joined). */
function stages(dockerfile: string): Stage[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const result: Stage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) result.push({ from: from[1], name: from[2], instructions: [] });
    else result.at(-1)?.instructions.push(line);
  }
  return result;
}

interface PackageJson {
  engines: { node: string };
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const pkg = JSON.parse(read('package.json')) as PackageJson;
const [build, runtime, ...others] = stages(read('Dockerfile'));

describe('Dockerfile', () => {
  it('has a build stage and a runtime stage, both on the same slim Node image, one that satisfies engines', () => {
    expect(others).toEqual([]);
    const minimum = Number(/^>=(\d+)/.exec(pkg.engines.node)?.[1]);
    for (const stage of [build, runtime]) {
      const image = /^node:(\d+)-[a-z]+-slim$/.exec(stage.from);
      expect(image).not.toBeNull();
      expect(Number(image?.[1])).toBeGreaterThanOrEqual(minimum);
    }
    expect(runtime.from).toBe(build.from);
  });

  it('builds with what `npm run build` reads', () => {
    const copied = build.instructions
      .filter((line) => line.startsWith('COPY '))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'scripts',
      'src',
      'migrations',
    ]) {
      expect(copied).toContain(needed);
    }
    expect(build.instructions).toContain('RUN npm ci --no-audit --no-fund');
    expect(build.instructions).toContain('RUN npm run -s build');
  });

  it('runs on production dependencies only, without the optional ones, as a non-root user', () => {
    const installs = runtime.instructions.filter((line) => /\bnpm (ci|install)\b/.test(line));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/^RUN npm ci --omit=dev --omit=optional /);
    // Nothing of the build stage's node_modules (dev and optional dependencies) comes along.
    expect(runtime.instructions.filter((line) => line.startsWith('COPY --from='))).toEqual([
      `COPY --from=${build.name} /app/dist ./dist`,
    ]);
    expect(runtime.instructions).toContain('ENV NODE_ENV=production');
    expect(runtime.instructions).toContain('USER node');
    expect(runtime.instructions.at(-1)).toBe('CMD ["node", "dist/src/main.js"]');
  });
});

describe('the embedded database is optional', () => {
  it('PGlite and its socket server are optional dependencies, not dependencies', () => {
    for (const name of PGLITE_PACKAGES) {
      expect(pkg.optionalDependencies?.[name]).toMatch(/^\d+\.\d+\.\d+$/);
      expect(pkg.dependencies[name]).toBeUndefined();
    }
  });

  it('only the embedded database modules load an optional dependency, and only when it is used', () => {
    const files = (dir: string): string[] =>
      readdirSync(join(ROOT, dir)).flatMap((name) => {
        const path = `${dir}/${name}`;
        if (statSync(join(ROOT, path)).isDirectory()) return files(path);
        return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
      });
    const optional = Object.keys(pkg.optionalDependencies ?? {});
    const loaders = files('src').filter((file) => {
      const source = read(file);
      // Any import, require or import() of the package that is not `import type`.
      return optional.some((name) =>
        new RegExp(
          String.raw`(?:import(?!\s+type\b)[^;]*?from\s*|import\(\s*|require\(\s*)'${name}[/']`,
        ).test(source),
      );
    });
    expect(loaders).toEqual([
      'src/database/load-pglite.ts',
      'src/database/pglite-session-server.ts',
    ]);
  });
});

describe('docker-compose.yml', () => {
  it('gives the service a DATABASE_URL (the image has no embedded database)', () => {
    const compose = read('docker-compose.yml');
    const api = compose.slice(compose.indexOf('\n  api:'), compose.indexOf('\n  nginx:'));
    expect(api).toContain('build: .');
    expect(api).toMatch(/DATABASE_URL: postgresql:\/\/\S+@postgres:5432\/\S+/);
  });

  it("checks the worker's health through its readiness probe on METRICS_PORT (it opens no other port)", () => {
    const compose = read('docker-compose.yml');
    const worker = compose.slice(compose.indexOf('\n  worker:'), compose.indexOf('\n  nginx:'));
    expect(worker).toContain("command: ['node', 'dist/src/worker.js']");
    // The default METRICS_PORT (not set here), and a check that runs.
    expect(worker).not.toMatch(/^\s+METRICS_PORT:|disable: true/m);
    expect(worker).toContain(
      `http://127.0.0.1:${new EnvironmentVariables().METRICS_PORT}/health/ready`,
    );
  });
});
