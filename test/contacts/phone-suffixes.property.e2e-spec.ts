import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { createTestApp } from '../utils/create-test-app';
import { propertySettings } from '../utils/property';

/**
 * The phone branch of a search asks the suffix index (`contact_phone_suffixes(...) @@ 'digits:*'`,
 * migration PhoneDigitSuffixes) and checks the phones' text (`contact_search_text(...) LIKE
 * '%digits%'`). Either alone must give the same answer, or a search would find a different set
 * depending on the plan PostgreSQL picks: checked here on the real functions, for random phones
 * (primary and additional, as stored: E.164) and runs of digits, half of them taken from a phone.
 */

const property = propertySettings();

const e164 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^[0-9]{6,14}$/))
  .map(([first, rest]) => `+${first}${rest}`);

const phones = fc.record({
  primary: fc.option(e164, { nil: null }),
  additional: fc.array(e164, { maxLength: 3 }),
});

/** A run of 3–15 digits: random, or cut out of one of the phones (so that matches are common). */
const query = (p: { primary: string | null; additional: string[] }) => {
  const digits = [p.primary, ...p.additional].filter((v): v is string => v !== null);
  const random = fc.stringMatching(/^[0-9]{3,15}$/);
  if (digits.length === 0) return random;
  const cut = fc
    .tuple(fc.constantFrom(...digits), fc.nat(), fc.integer({ min: 3, max: 15 }))
    .map(([phone, at, length]) => {
      const d = phone.slice(1);
      const start = at % Math.max(1, d.length - 2);
      return d.slice(start, start + length);
    })
    .filter((q) => q.length >= 3);
  return fc.oneof(random, cut);
};

describe('the phone suffix index and the phones’ text agree', () => {
  let app: NestFastifyApplication;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('a run of digits begins a suffix of a phone exactly when the phones contain it', async () => {
    let matched = 0;
    await fc.assert(
      fc.asyncProperty(
        phones.chain((p) => fc.tuple(fc.constant(p), query(p))),
        async ([p, q]) => {
          const [row] = await db.query<{ by_suffix: boolean; by_text: boolean }[]>(
            `SELECT contact_phone_suffixes($1, $2::text[]) @@ $3::tsquery AS by_suffix,
                    contact_search_text($1, $2::text[]) LIKE $4 AS by_text`,
            [p.primary, p.additional, `${q}:*`, `%${q}%`],
          );
          expect(row.by_suffix).toBe(row.by_text);
          // The reference, in plain code: some phone's digits contain the run.
          const inCode = [p.primary, ...p.additional].some((v) => v?.slice(1).includes(q));
          expect(row.by_text).toBe(inCode);
          if (inCode) matched++;
        },
      ),
      property.params(300),
    );
    // The drawn cases must exercise both answers, or the agreement says little.
    expect(matched).toBeGreaterThan(20);
  });

  it('phones without three digits have no suffixes; no phone, an empty index entry', async () => {
    const [row] = await db.query<{ none: string[]; short: string[]; two: string[] }[]>(
      `SELECT tsvector_to_array(contact_phone_suffixes(NULL, NULL)) AS none,
              tsvector_to_array(contact_phone_suffixes('+12', '{}')) AS short,
              tsvector_to_array(contact_phone_suffixes('+2547123', ARRAY['+1555'])) AS two`,
    );
    expect(row.none).toEqual([]);
    expect(row.short).toEqual([]);
    expect([...row.two].sort()).toEqual(
      ['123', '7123', '47123', '547123', '2547123', '555', '1555'].sort(),
    );
  });
});
