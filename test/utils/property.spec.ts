import fc from 'fast-check';
import { propertySettings } from './property';

/** The property tests' settings: a bad value fails loudly, and a seed replays the same cases. */
describe('propertySettings', () => {
  const read = (env: NodeJS.ProcessEnv) => {
    const lines: string[] = [];
    const settings = propertySettings(env, (line) => lines.push(line));
    return { settings, lines };
  };

  it('chooses a 32-bit seed when none is given, and prints it', () => {
    const { settings, lines } = read({});
    expect(Number.isInteger(settings.seed)).toBe(true);
    expect(settings.seed).toBeGreaterThanOrEqual(0);
    expect(settings.seed).toBeLessThan(2 ** 31);
    expect(lines).toEqual([expect.stringContaining(`PROPERTY_SEED=${settings.seed} (chosen now)`)]);
    expect(settings.params(150)).toEqual({ seed: settings.seed, path: undefined, numRuns: 150 });
  });

  it('uses PROPERTY_SEED, PROPERTY_PATH and PROPERTY_RUNS as given', () => {
    const { settings, lines } = read({
      PROPERTY_SEED: '-42',
      PROPERTY_PATH: '12:3:0',
      PROPERTY_RUNS: '7',
    });
    expect(settings.params(150)).toEqual({ seed: -42, path: '12:3:0', numRuns: 7 });
    expect(lines).toEqual([
      expect.stringContaining('PROPERTY_SEED=-42 PROPERTY_PATH=12:3:0 PROPERTY_RUNS=7'),
    ]);
  });

  it.each([
    ['PROPERTY_RUNS', 'abc', /PROPERTY_RUNS must be a positive integer/],
    ['PROPERTY_RUNS', '0', /PROPERTY_RUNS must be a positive integer/],
    ['PROPERTY_RUNS', '-5', /PROPERTY_RUNS must be a positive integer/],
    ['PROPERTY_RUNS', '1.5', /PROPERTY_RUNS must be a positive integer/],
    ['PROPERTY_RUNS', ' 10', /PROPERTY_RUNS must be a positive integer/],
    ['PROPERTY_SEED', 'abc', /PROPERTY_SEED must be an integer/],
    ['PROPERTY_SEED', '1e3', /PROPERTY_SEED must be an integer/],
    ['PROPERTY_SEED', '4294967296', /PROPERTY_SEED must be a 32-bit integer/],
  ])('refuses %s=%j instead of running fewer cases', (name, value, message) => {
    expect(() => read({ [name]: value })).toThrow(message);
  });

  it('refuses a malformed path, and a path without its seed', () => {
    expect(() => read({ PROPERTY_SEED: '1', PROPERTY_PATH: '12;3' })).toThrow(
      /PROPERTY_PATH must look like/,
    );
    expect(() => read({ PROPERTY_PATH: '1:2' })).toThrow(/set PROPERTY_SEED too/);
  });

  it('replays: the same seed gives the same cases, another seed others', () => {
    const arbitrary = fc.array(fc.string(), { maxLength: 5 });
    const cases = (seed: number) => fc.sample(arbitrary, { seed, numRuns: 30 });
    expect(cases(1234)).toEqual(cases(1234));
    expect(cases(1234)).not.toEqual(cases(1235));
  });

  it('replays a failure from the seed and path fast-check reports', () => {
    const failing = fc.property(fc.integer(), (n) => n < 1000);
    const first = fc.check(failing, read({ PROPERTY_SEED: '99' }).settings.params(200));
    expect(first.failed).toBe(true);
    const replayed = fc.check(
      failing,
      read({ PROPERTY_SEED: '99', PROPERTY_PATH: first.counterexamplePath ?? '' }).settings.params(
        200,
      ),
    );
    expect(replayed).toMatchObject({
      failed: true,
      counterexample: first.counterexample,
      numRuns: 1,
    });
  });
});
