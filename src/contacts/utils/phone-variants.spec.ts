import { normalizePhone, phoneSearchDigits } from './normalize-phone.util';
import { canonicalPhone } from './phone-variants';

describe('phone number variants (SPEC §10)', () => {
  it.each([
    ['Brazil without the ninth digit', '+55 11 1234-5678', '+5511912345678'],
    ['Brazil with it', '+55 11 91234-5678', '+5511912345678'],
    ['Mexico with the 1 after +52', '+52 1 55 1234 5678', '+525512345678'],
    ['Mexico without it', '+52 55 1234 5678', '+525512345678'],
    ['Argentina without the 9 after +54', '+54 11 1234-5678', '+5491112345678'],
    ['Argentina with it', '+54 9 11 1234-5678', '+5491112345678'],
  ])('reads %s (%s) as the canonical %s', (_label, raw, e164) => {
    expect(normalizePhone(raw)).toMatchObject({ ok: true, e164 });
  });

  it('says when a variant rule rewrote the number', () => {
    expect(normalizePhone('+55 11 1234-5678')).toEqual({
      ok: true,
      e164: '+5511912345678',
      variant: true,
    });
    expect(normalizePhone('+55 11 91234-5678')).toEqual({
      ok: true,
      e164: '+5511912345678',
      variant: false,
    });
  });

  it('leaves other numbers, and Brazilian fixed lines (2-5), as they are', () => {
    expect(canonicalPhone('+551134567890')).toEqual({ e164: '+551134567890', variant: false });
    expect(canonicalPhone('+254712345678')).toEqual({ e164: '+254712345678', variant: false });
    expect(canonicalPhone('+14155552671')).toEqual({ e164: '+14155552671', variant: false });
  });

  it('is idempotent: a canonical number stays as it is', () => {
    for (const raw of ['+55 11 1234-5678', '+52 1 55 1234 5678', '+54 11 1234-5678']) {
      const once = canonicalPhone(canonicalPhone(raw.replace(/[\s-]/g, '')).e164);
      expect(once.variant).toBe(false);
    }
  });

  it('searches a whole variant number by its canonical digits', () => {
    expect(phoneSearchDigits('+55 11 1234-5678')).toBe('5511912345678');
    expect(phoneSearchDigits('1234-5678')).toBe('12345678');
  });
});
