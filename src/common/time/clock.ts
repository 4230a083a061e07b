/**
 * The time as the code that schedules work reads it (retries, backoff, leases). A class, not
 * `Date.now()`, so that a test can move time forward (a day of retries in a second) by providing
 * its own `Clock`.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
