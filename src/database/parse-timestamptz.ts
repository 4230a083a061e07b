import { types } from 'pg';

/** node-postgres' own parser of `timestamptz` text (postgres-date): every form PostgreSQL writes. */
const parseAnyTimestamptz = types.getTypeParser(types.builtins.TIMESTAMPTZ, 'text') as (text: string) => unknown;

const HOUR_MS = 3_600_000;

/** The value of the ASCII digit at `at`, or NaN. */
function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : NaN;
}

function number(text: string, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at++) value = value * 10 + digit(text, at);
  return value;
}

/**
 * A `timestamptz` as PostgreSQL writes it in the ISO style, the same `Date` node-postgres' own
 * parser gives. The usual form, `2024-05-01 10:00:00.123+00` (four-digit year, a whole-hour
 * offset), is read here by position; any other (BC, years past 9999 or before 100, `+05:30`,
 * `infinity`) goes to node-postgres' parser. Contact rows are read as text and parsed here:
 * the generic parser's regular expressions took ~600 ns a value, 4% of the service's CPU under
 * a list load (two per contact).
 */
export function parseTimestamptz(text: string): Date {
  const length = text.length;
  const fraction = length - 23; // digits after the seconds' point, if there is one
  const sign = text.charCodeAt(length - 3);
  if (
    (length === 22 || (fraction >= 1 && fraction <= 6 && text.charCodeAt(19) === 46)) &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 32 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 &&
    (sign === 43 || sign === 45)
  ) {
    const year = number(text, 0, 4);
    // Milliseconds: the first three digits of the fraction (finer digits are dropped, as there).
    let ms = 0;
    for (let at = 20; at < 23; at++) ms = ms * 10 + (at < length - 3 ? digit(text, at) : 0);
    const offsetHours = number(text, length - 2, length);
    const utc = Date.UTC(
      year,
      number(text, 5, 7) - 1,
      number(text, 8, 10),
      number(text, 11, 13),
      number(text, 14, 16),
      number(text, 17, 19),
      ms,
    );
    // Date.UTC reads years 0-99 as 1900-1999; NaN means a character was not a digit.
    if (year >= 100 && !Number.isNaN(utc)) {
      return new Date(utc - (sign === 45 ? -offsetHours : offsetHours) * HOUR_MS);
    }
  }
  return parseAnyTimestamptz(text) as Date;
}
