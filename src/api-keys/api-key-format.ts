import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 40 base62 characters: about 238 bits of entropy. */
const SECRET_LENGTH = 40;
/** Characters of the secret kept in the display prefix (`saf_live_` + these). */
const PREFIX_SECRET_CHARS = 6;

export type ApiKeyEnvironment = 'live' | 'test';

export const API_KEY_PATTERN = /^saf_(live|test)_[0-9A-Za-z]{32,128}$/;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting larger bytes keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function generateApiKey(environment: ApiKeyEnvironment): string {
  return `saf_${environment}_${randomBase62(SECRET_LENGTH)}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function displayPrefix(key: string): string {
  const head = key.startsWith('saf_test_') ? 'saf_test_' : 'saf_live_';
  return key.slice(0, head.length + PREFIX_SECRET_CHARS);
}
