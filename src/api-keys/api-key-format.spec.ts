import { createHash } from 'node:crypto';
import { API_KEY_PATTERN, displayPrefix, generateApiKey, hashApiKey } from './api-key-format';

describe('API key format', () => {
  it.each([
    ['live', /^saf_live_[0-9A-Za-z]{32,}$/],
    ['test', /^saf_test_[0-9A-Za-z]{32,}$/],
  ] as const)(
    'generates %s keys as the prefix + at least 32 base62 characters',
    (environment, format) => {
      for (let i = 0; i < 50; i++) {
        const key = generateApiKey(environment);
        expect(key).toMatch(format);
        expect(key).toMatch(API_KEY_PATTERN);
      }
    },
  );

  it('generates distinct keys', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey('live')));
    expect(keys.size).toBe(1000);
  });

  it('uses the whole base62 alphabet (not hex, not a biased subset)', () => {
    const seen = new Set(
      Array.from({ length: 200 }, () => generateApiKey('live').slice('saf_live_'.length)).join(''),
    );
    expect(seen.size).toBe(62);
  });

  it('pattern refuses other shapes', () => {
    for (const bad of [
      `saf_prod_${'a'.repeat(40)}`,
      `saf_live_${'a'.repeat(31)}`,
      `saf_live_${'a'.repeat(39)}!`,
      `SAF_LIVE_${'a'.repeat(40)}`,
      ` saf_live_${'a'.repeat(40)}`,
      `saf_live_${'a'.repeat(40)}\n`,
    ]) {
      expect(API_KEY_PATTERN.test(bad)).toBe(false);
    }
  });

  describe('displayPrefix', () => {
    it('keeps the environment prefix and a few characters of the secret, never the whole key', () => {
      const live = generateApiKey('live');
      const test = generateApiKey('test');
      expect(displayPrefix(live)).toBe(live.slice(0, 'saf_live_'.length + 6));
      expect(displayPrefix(test)).toBe(test.slice(0, 'saf_test_'.length + 6));
      expect(displayPrefix(live).length).toBeLessThan(live.length - 30);
    });
  });

  describe('hashApiKey', () => {
    it('is the SHA-256 of the key, in hex', () => {
      const key = generateApiKey('live');
      expect(hashApiKey(key)).toBe(createHash('sha256').update(key).digest('hex'));
      expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    });

    it('is stable and differs between keys', () => {
      const a = generateApiKey('live');
      const b = generateApiKey('live');
      expect(hashApiKey(a)).toBe(hashApiKey(a));
      expect(hashApiKey(a)).not.toBe(hashApiKey(b));
      expect(hashApiKey(a)).not.toContain(a.slice('saf_live_'.length));
    });
  });
});
