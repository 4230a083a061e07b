import { chmodSync, lstatSync, mkdirSync, type Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Owner only: read, write and enter. */
export const PRIVATE_MODE = 0o700;

/** A folder of the embedded database that is not the user's own: the process refuses to start. */
export class UnsafeEmbeddedFolderError extends Error {
  constructor(path: string, reason: string) {
    super(
      `Refusing to use ${path} for the embedded database: ${reason}. ` +
        'Remove it, or point EMBEDDED_DB_DIR elsewhere, or set DATABASE_URL.',
    );
  }
}

function lstatIfExists(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const currentUid = (): number | undefined => process.getuid?.();

function checkOwnedFolder(path: string, stats: Stats): void {
  if (!stats.isDirectory()) throw new UnsafeEmbeddedFolderError(path, 'it is not a folder');
  const uid = currentUid();
  if (uid !== undefined && stats.uid !== uid) {
    throw new UnsafeEmbeddedFolderError(
      path,
      `it belongs to uid ${stats.uid}, not to this user (uid ${uid})`,
    );
  }
}

/**
 * Creates `path` and the folders above it that are missing, the created ones 0700; folders that
 * already exist above it are left as the user made them (the project folder, /tmp).
 */
export function makeFolders(path: string): void {
  const created = mkdirSync(path, { recursive: true, mode: PRIVATE_MODE });
  if (created === undefined) return;
  // mkdir applies the umask; the folders created here are made exactly 0700.
  const first = resolve(created);
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chmodSync(dir, PRIVATE_MODE);
    if (dir === first || dirname(dir) === dir) break;
  }
}

/**
 * Makes `path` a folder private to the current user: created 0700 if missing, else required to
 * belong to the user and tightened to 0700. With `followLinks` (the data folder, which the user
 * may have linked to another disk) the folder a link points to is checked; without it (the socket
 * folder) a symbolic link is refused, so that nobody can redirect the socket elsewhere.
 */
export function ensurePrivateFolder(path: string, { followLinks }: { followLinks: boolean }): void {
  let stats = lstatIfExists(path);
  if (!stats) {
    makeFolders(path);
    stats = lstatSync(path);
  }
  if (stats.isSymbolicLink()) {
    if (!followLinks) throw new UnsafeEmbeddedFolderError(path, 'it is a symbolic link');
    const uid = currentUid();
    if (uid !== undefined && stats.uid !== uid) {
      throw new UnsafeEmbeddedFolderError(
        path,
        `it is a symbolic link that belongs to uid ${stats.uid}`,
      );
    }
    stats = statSync(path);
  }
  checkOwnedFolder(path, stats);
  if ((stats.mode & 0o777) !== PRIVATE_MODE) chmodSync(path, PRIVATE_MODE);
}

/**
 * Whether `path` is a folder this process can trust without changing it: a real folder (not a
 * link), the user's own, that no other user can enter.
 */
export function isPrivateFolder(path: string): boolean {
  try {
    const stats = lstatSync(path);
    const uid = currentUid();
    return (
      stats.isDirectory() && (uid === undefined || stats.uid === uid) && (stats.mode & 0o077) === 0
    );
  } catch {
    return false;
  }
}
