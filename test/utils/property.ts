import { randomInt } from 'node:crypto';
import type fc from 'fast-check';

/**
 * The settings of every property test: one seed per test file, printed when it is chosen, so
 * that any run (a failing one, or a passing one that should not have) can be replayed.
 *
 *   PROPERTY_SEED  the seed (a 32-bit integer); chosen at random and printed when unset
 *   PROPERTY_PATH  the path of a counterexample (as fast-check reports it, e.g. "12:3:0"); with
 *                  the seed, replays that one case. A path belongs to one property: select its
 *                  test with `-t`.
 *   PROPERTY_RUNS  the number of runs of each property (a positive integer), instead of the
 *                  test's own default
 *
 * A value that is not exactly one of these is an error, not a default: a typo must not run fewer
 * cases (or none) and pass.
 *
 *   PROPERTY_SEED=123456 PROPERTY_PATH="5:1" npm test -- test/property.e2e-spec.ts -t 'PATCH /v1'
 */
export interface PropertySettings {
  seed: number;
  path: string | undefined;
  /** The runs of a property whose default is `defaultRuns` (or PROPERTY_RUNS when set). */
  params<T>(defaultRuns: number): fc.Parameters<T>;
  /** How to replay this run, for messages. */
  replay: string;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function readSeed(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^-?\d+$/.test(text)) {
    throw new Error(`PROPERTY_SEED must be an integer, got ${JSON.stringify(text)}`);
  }
  const seed = Number(text);
  if (seed < INT32_MIN || seed > INT32_MAX) {
    throw new Error(`PROPERTY_SEED must be a 32-bit integer, got ${text}`);
  }
  return seed;
}

function readPath(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+(:\d+)*$/.test(text)) {
    throw new Error(
      `PROPERTY_PATH must look like "12:3:0" (as fast-check prints it), got ${JSON.stringify(text)}`,
    );
  }
  return text;
}

function readRuns(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new Error(`PROPERTY_RUNS must be a positive integer, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/**
 * Reads (and checks) the property settings from `env`; chooses and prints a seed when none is
 * given. Call once per test file, at load time, so that a bad value fails the file at once.
 */
export function propertySettings(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => console.log(line),
): PropertySettings {
  const given = readSeed(env.PROPERTY_SEED);
  const path = readPath(env.PROPERTY_PATH);
  const runs = readRuns(env.PROPERTY_RUNS);
  if (path !== undefined && given === undefined) {
    throw new Error('PROPERTY_PATH replays a case of one seed: set PROPERTY_SEED too');
  }
  const seed = given ?? randomInt(0, INT32_MAX);
  const replay = `PROPERTY_SEED=${seed}${path === undefined ? '' : ` PROPERTY_PATH=${path}`}`;
  log(
    `Property tests: ${replay}${given === undefined ? ' (chosen now)' : ''}` +
      `${runs === undefined ? '' : ` PROPERTY_RUNS=${runs}`}; set these to replay this run.`,
  );
  return {
    seed,
    path,
    replay,
    params: <T>(defaultRuns: number): fc.Parameters<T> => ({
      seed,
      path,
      numRuns: runs ?? defaultRuns,
    }),
  };
}
