/**
 * The one way a test group says it needs something this machine may not have (a PostgreSQL
 * server, Redis, nginx, curl...).
 *
 * - The need is met: an ordinary `describe`.
 * - It is not, on a developer's machine: the group is skipped, its name saying what is missing.
 * - It is not, on CI (`CI` set): the group runs one test that fails, naming what is missing. CI
 *   provides every service, so a missing one is a broken CI, never a quiet pass; `.ci/run` also
 *   fails on any skipped test.
 *
 *     describeIf(Boolean(process.env.REDIS_URL), 'Redis (set REDIS_URL)')('shared budget', () => { ... });
 */
export function describeIf(
  condition: boolean,
  needs: string,
): (name: string, body: () => void) => void {
  if (condition) return (name, body) => describe(name, body);
  if (onCi()) {
    return (name) =>
      describe(name, () => {
        it(`needs ${needs}`, () => {
          throw new Error(`${name}: needs ${needs}, which CI must provide (CI=${process.env.CI})`);
        });
      });
  }
  return (name, body) => describe.skip(`${name} (skipped: needs ${needs})`, body);
}

/** Whether this run is CI's: `CI` set to anything but empty, `0` or `false`. */
export function onCi(): boolean {
  const ci = (process.env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}
