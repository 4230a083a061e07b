import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** What a person may type in a phone number besides digits: spaces, dashes, dots, brackets. */
const PHONE_INPUT = /^\+?[0-9\s\-().]+$/;

export type PhoneProblem = 'format' | 'country_unknown' | 'invalid';

export type PhoneResult = { ok: true; e164: string } | { ok: false; problem: PhoneProblem };

/**
 * Reads a phone number as typed into E.164. A number without `+` is read in `defaultCountry`
 * (the workspace's); with no default country such a number cannot be read.
 */
export function normalizePhone(raw: string, defaultCountry?: string | null): PhoneResult {
  const input = raw.trim();
  if (!PHONE_INPUT.test(input) || input.replace(/\D/g, '').length === 0) {
    return { ok: false, problem: 'format' };
  }
  const international = input.startsWith('+');
  if (!international && !defaultCountry) return { ok: false, problem: 'country_unknown' };
  const parsed = parsePhoneNumberFromString(
    input,
    international ? undefined : (defaultCountry as CountryCode),
  );
  if (!parsed?.isValid()) return { ok: false, problem: 'invalid' };
  return { ok: true, e164: parsed.number };
}

export const PHONE_PROBLEM_MESSAGES: Record<PhoneProblem, string> = {
  format: 'phone may contain only digits, spaces, dashes, dots, brackets and a leading +',
  country_unknown:
    'phone must start with + and the country code (the workspace has no default country)',
  invalid: 'phone is not a valid phone number',
};

/**
 * The digits a search query contributes to phone matching: its digits with a leading trunk `0`
 * dropped, when the query looks like a phone number and has at least 3 of them.
 */
export function phoneSearchDigits(query: string): string | undefined {
  if (!PHONE_INPUT.test(query)) return undefined;
  const digits = query.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 3 ? digits : undefined;
}
