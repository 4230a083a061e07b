import { MemoryRateLimitStore } from './rate-limit.store';

describe('MemoryRateLimitStore', () => {
  let now: number;
  let store: MemoryRateLimitStore;
  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryRateLimitStore(() => now);
  });

  it('allows `limit` requests in a window and refuses the next without counting it', async () => {
    for (let i = 1; i <= 3; i++) {
      await expect(store.hit('k', 3, 60_000)).resolves.toEqual({
        allowed: true,
        granted: 1,
        count: i,
        resetMs: 60_000,
      });
    }
    await expect(store.hit('k', 3, 60_000)).resolves.toEqual({
      allowed: false,
      granted: 0,
      count: 3,
      resetMs: 60_000,
    });
    now += 10_000;
    await expect(store.hit('k', 3, 60_000)).resolves.toEqual({
      allowed: false,
      granted: 0,
      count: 3,
      resetMs: 50_000,
    });
  });

  it('never lets twice the limit through around a window boundary (unlike a fixed window)', async () => {
    now = 59_000; // late in a fixed window [0, 60s)
    for (let i = 0; i < 3; i++) expect((await store.hit('k', 3, 60_000)).allowed).toBe(true);
    now = 61_000; // early in the next fixed window, where a fixed window would allow 3 more
    expect((await store.hit('k', 3, 60_000)).allowed).toBe(false);
    now = 119_000; // the first three leave the window only 60 s after they were made
    expect((await store.hit('k', 3, 60_000)).allowed).toBe(true);
  });

  it('frees one slot at a time as requests age out', async () => {
    await store.hit('k', 2, 60_000);
    now += 20_000;
    await store.hit('k', 2, 60_000);
    now += 40_000; // the first one is now exactly 60 s old
    const result = await store.hit('k', 2, 60_000);
    expect(result).toEqual({ allowed: true, granted: 1, count: 2, resetMs: 20_000 });
  });

  it('keeps keys apart', async () => {
    await store.hit('a', 1, 60_000);
    expect((await store.hit('b', 1, 60_000)).allowed).toBe(true);
    expect((await store.hit('a', 1, 60_000)).allowed).toBe(false);
  });

  it('takes back the newest counted request on release, and nothing of another key', async () => {
    await store.hit('k', 2, 60_000);
    now += 1000;
    await store.hit('k', 2, 60_000);
    await store.hit('other', 2, 60_000);
    await store.release('k');
    await expect(store.hit('k', 2, 60_000)).resolves.toEqual({
      allowed: true,
      granted: 1,
      count: 2,
      resetMs: 59_000,
    });
    await store.release('missing'); // nothing to take back: no error
    expect((await store.hit('other', 1, 60_000)).allowed).toBe(false);
  });

  it('grants a request that costs several units as many as fit, and counts only those', async () => {
    await expect(store.hit('k', 10, 60_000, 4)).resolves.toEqual({
      allowed: true,
      granted: 4,
      count: 4,
      resetMs: 60_000,
    });
    now += 1000;
    await expect(store.hit('k', 10, 60_000, 100)).resolves.toEqual({
      allowed: true,
      granted: 6,
      count: 10,
      resetMs: 59_000,
    });
    await expect(store.hit('k', 10, 60_000, 3)).resolves.toEqual({
      allowed: false,
      granted: 0,
      count: 10,
      resetMs: 59_000,
    });
    now += 59_000; // the first four leave the window together
    await expect(store.hit('k', 10, 60_000, 5)).resolves.toEqual({
      allowed: true,
      granted: 4,
      count: 10,
      resetMs: 1000,
    });
  });
});
