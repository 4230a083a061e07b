import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CLI } from './processes';

const ROOT = resolve(__dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Run as this user (and group): tests of file permissions, as root on CI. */
  uid?: number;
  timeoutMs?: number;
}

/**
 * Runs `node <args>` in a child process with exactly this environment, and returns its exit code
 * and output; fails after `timeoutMs`.
 */
export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  { cwd = ROOT, uid, timeoutMs = 45_000 }: RunOptions = {},
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env,
      stdio: 'pipe',
      ...(uid === undefined ? {} : { uid, gid: uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(
        new Error(`node ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/**
 * Runs the built CLI (`dist/`, which `npm test` and `npm run test:e2e` build first) in a child
 * process with exactly this environment, and returns its exit code and output.
 */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 45_000,
): Promise<CliResult> {
  if (!existsSync(CLI)) {
    return Promise.reject(new Error(`${CLI} is missing: run \`npm run -s build\` (npm test does)`));
  }
  return runNode([CLI, ...args], env, { timeoutMs });
}

export interface CreatedKey {
  /** The key, as printed (once) by `api-keys:create`. */
  key: string;
  /** Its id, from the "Created API key <id> ..." line. */
  id: string;
}

/**
 * Reads `api-keys:create`'s output: the id from its first line and the key, which must be alone
 * on the last line and nowhere else. Throws, quoting the output, when it is not that.
 */
export function parseCreatedKey(stdout: string): CreatedKey {
  const lines = stdout.trimEnd().split('\n');
  const key = lines.at(-1)?.trim() ?? '';
  const id = /^Created API key ([0-9a-f]{24}) /.exec(lines[0] ?? '')?.[1];
  if (!id || !/^saf_(live|test)_[0-9A-Za-z]{32,}$/.test(key)) {
    throw new Error(`not the output of api-keys:create:\n${stdout}`);
  }
  return { key, id };
}

/** `api-keys:create` with these arguments; fails (with the CLI's output) unless it exits 0. */
export async function createApiKey(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<CreatedKey & { out: CliResult }> {
  const out = await runCli(['api-keys:create', ...args], env);
  if (out.code !== 0) {
    throw new Error(`api-keys:create exited ${out.code}\n${out.stdout}\n${out.stderr}`);
  }
  return { ...parseCreatedKey(out.stdout), out };
}
