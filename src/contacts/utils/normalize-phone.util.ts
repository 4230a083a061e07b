import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { canonicalPhone } from './phone-variants';

/** What a person may type in a phone number besides digits: spaces, dashes, dots, brackets. */
const SEPARATORS = /[\s\-().]/g;

/** Digits with at most one leading `+`, once the separators are gone. */
const COMPACT_PHONE = /^\+?[0-9]+$/;

/**
 * The number without separators, or undefined when it holds anything else. The `+` may follow
 * an opening bracket (`(+254) 712 345 678`), since that is how many people write the country code.
 */
function compactPhone(raw: string): string | undefined {
  const compact = raw.replace(SEPARATORS, '');
  return COMPACT_PHONE.test(compact) ? compact : undefined;
}

/** True when the number is written with its country code (`+...`), so no default country applies. */
export function isInternationalPhone(raw: string): boolean {
  return compactPhone(raw)?.startsWith('+') ?? false;
}

export type PhoneProblem = 'format' | 'country_unknown' | 'invalid';

/** `variant`: the number was written in a variant form and is given in its canonical one. */
export type PhoneResult =
  { ok: true; e164: string; variant: boolean } | { ok: false; problem: PhoneProblem };

/**
 * Reads a phone number as typed into E.164, in its canonical form (phone-variants.ts). A number
 * without `+` is read in `defaultCountry` (the workspace's); with no default country such a
 * number cannot be read.
 */
export function normalizePhone(raw: string, defaultCountry?: string | null): PhoneResult {
  const input = compactPhone(raw);
  if (input === undefined || input.replace(/\D/g, '').length === 0) {
    return { ok: false, problem: 'format' };
  }
  const international = input.startsWith('+');
  if (!international && !defaultCountry) return { ok: false, problem: 'country_unknown' };
  const parsed = parsePhoneNumberFromString(
    input,
    international ? undefined : (defaultCountry as CountryCode),
  );
  if (!parsed) return { ok: false, problem: 'invalid' };
  // The variant rules apply before the check: some variant forms are not valid numbers any more.
  const canonical = canonicalPhone(parsed.number);
  if (!parsePhoneNumberFromString(canonical.e164)?.isValid()) {
    return { ok: false, problem: 'invalid' };
  }
  return { ok: true, ...canonical };
}

/**
 * The problem with a phone number that shows without knowing the workspace's default country
 * (its characters, and the validity of a number written with `+`), or undefined. A number
 * without `+` is checked by `normalizePhone` once the country is known.
 */
export function phoneInputProblem(raw: string): PhoneProblem | undefined {
  const input = compactPhone(raw);
  if (input === undefined || !/[0-9]/.test(input)) return 'format';
  if (!input.startsWith('+')) return undefined;
  const result = normalizePhone(input);
  return result.ok ? undefined : result.problem;
}

export const PHONE_PROBLEM_MESSAGES: Record<PhoneProblem, string> = {
  format: 'phone may contain only digits, spaces, dashes, dots, brackets and a leading +',
  country_unknown:
    'phone must start with + and the country code (the workspace has no default country)',
  invalid: 'phone is not a valid phone number',
};

/**
 * The digits a search query contributes to phone matching: its digits with a leading trunk `0`
 * dropped, when the query looks like a phone number and has at least 3 of them. A whole number
 * written with `+` in a variant form searches for its canonical digits (what is stored).
 */
export function phoneSearchDigits(query: string): string | undefined {
  const compact = compactPhone(query);
  if (compact === undefined) return undefined;
  const digits = compact.replace(/\D/g, '').replace(/^0+/, '');
  if (digits.length < 3) return undefined;
  return compact.startsWith('+') ? canonicalPhone(`+${digits}`).e164.slice(1) : digits;
}
