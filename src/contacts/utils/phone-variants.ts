/**
 * Forms of one mobile number that messaging platforms report differently (SPEC §10). Each rule
 * rewrites the E.164 form it matches into the canonical one; the canonical form is what is
 * stored, deduplicated, searched and matched, so both forms are one phone. Add a country with one
 * line here (and a case in phone-variants.spec.ts).
 */
export const PHONE_VARIANT_RULES: readonly {
  country: string;
  why: string;
  variant: RegExp;
  canonical: string;
}[] = [
  {
    country: 'BR',
    why: 'mobile numbers gained a ninth digit (a 9 before the eight) in 2012-2016; some platforms still report the eight',
    // Area code, then eight digits outside the fixed-line ranges (2-5): the mobile without its 9.
    variant: /^\+55(\d{2})([016-9]\d{7})$/,
    canonical: '+55$19$2',
  },
  {
    country: 'MX',
    why: 'mobile numbers were dialled with a 1 after +52 until 2019; some platforms still report it',
    variant: /^\+521(\d{10})$/,
    canonical: '+52$1',
  },
  {
    country: 'AR',
    why: 'mobile numbers take a 9 after +54 internationally; some platforms report them without it',
    variant: /^\+54([1-8]\d{9})$/,
    canonical: '+549$1',
  },
];

/** The canonical form of an E.164 number, and whether a variant rule rewrote it. */
export function canonicalPhone(e164: string): { e164: string; variant: boolean } {
  for (const rule of PHONE_VARIANT_RULES) {
    if (rule.variant.test(e164)) {
      return { e164: e164.replace(rule.variant, rule.canonical), variant: true };
    }
  }
  return { e164, variant: false };
}
