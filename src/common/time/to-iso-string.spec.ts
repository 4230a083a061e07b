import { toIsoString } from './to-iso-string';

describe('toIsoString', () => {
  it.each([
    0, 1, 999, 59_999, 86_399_999, 86_400_000,
    951_782_400_000, // 2000-02-29 (a leap day of a year divisible by 400)
    951_868_800_000, // 2000-03-01
    4_107_456_000_000, // 2100-02-28 (2100 is not a leap year)
    4_107_542_400_000, // 2100-03-01
    1_714_557_600_000, // 2024-05-01T10:00:00.000Z
    253_402_300_799_999, // 9999-12-31T23:59:59.999Z
  ])('writes %d exactly as toISOString does', (ms) => {
    expect(toIsoString(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('agrees with toISOString on 200,000 random instants from 1970 to 9999', () => {
    for (let i = 0; i < 200_000; i++) {
      const date = new Date(Math.floor(Math.random() * 253_402_300_800_000));
      if (toIsoString(date) !== date.toISOString()) expect(toIsoString(date)).toBe(date.toISOString());
    }
  });

  it.each([-1, -62_198_755_200_000, 253_402_300_800_000, 8.64e15])(
    'leaves %d (before 1970 or after 9999) to toISOString',
    (ms) => {
      expect(toIsoString(new Date(ms))).toBe(new Date(ms).toISOString());
    },
  );

  it('throws as toISOString does for an invalid date', () => {
    expect(() => toIsoString(new Date(NaN))).toThrow(RangeError);
  });
});
