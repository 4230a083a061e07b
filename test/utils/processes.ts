import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait';

const ROOT = resolve(__dirname, '../..');

/**
 * For tests that run the built service or CLI as child processes: `npm test` and
 * `npm run test:e2e` build `dist/` first, so these are never older than `src/`.
 */
export const MAIN = resolve(ROOT, 'dist/src/main.js');
export const CLI = resolve(ROOT, 'dist/src/cli/main.js');
export const WORKER = resolve(ROOT, 'dist/src/worker.js');

/** Resolves once `url` answers 2xx (polled every 100 ms, for up to `timeoutMs`). */
export async function waitForOk(url: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => {
      try {
        return (await fetch(url)).ok;
      } catch {
        return false; // not listening yet
      }
    },
    { what: `${url} to answer 2xx`, timeoutMs, intervalMs: 100 },
  );
}

/** The exit code of a child process (null when a signal ended it), also once it has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** `exited`, failing after `timeoutMs`. */
export function exitedWithin(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return Promise.race([
    exited(child),
    new Promise<never>((_, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`process ${child.pid} did not exit within ${timeoutMs} ms`)),
        timeoutMs,
      );
      // The race is decided by whichever comes first; do not hold the worker open.
      timer.unref();
    }),
  ]);
}

/**
 * Stops a child: SIGTERM, then SIGKILL if it has not exited within `graceMs`. Resolves once it
 * has exited.
 */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  try {
    await exitedWithin(child, graceMs);
  } catch {
    child.kill('SIGKILL');
    await exited(child);
  }
}
