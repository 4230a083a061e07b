import { normalizePhone, phoneSearchDigits } from './normalize-phone.util';

describe('normalizePhone', () => {
  it.each([
    ['+254712345678', '+254712345678'],
    ['+254 712 345 678', '+254712345678'],
    ['+254 712-345-678', '+254712345678'],
    ['+254.712.345.678', '+254712345678'],
    ['(+254) 712 345 678', '+254712345678'],
    ['  +1 (415) 555-2671 ', '+14155552671'],
  ])('reads the international number %j as %s', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, e164, variant: false });
  });

  it.each([
    ['0712345678', 'KE', '+254712345678'],
    ['0712 345-678', 'KE', '+254712345678'],
    ['712345678', 'KE', '+254712345678'],
    ['(415) 555-2671', 'US', '+14155552671'],
  ])('reads %j without + in the default country %s', (raw, country, e164) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: true, e164, variant: false });
  });

  it('ignores the default country when the number has its own country code', () => {
    expect(normalizePhone('+254712345678', 'US')).toEqual({
      ok: true,
      e164: '+254712345678',
      variant: false,
    });
  });

  it.each([undefined, null, ''])(
    'cannot read a number without + when the default country is %j',
    (country) => {
      expect(normalizePhone('0712345678', country)).toEqual({
        ok: false,
        problem: 'country_unknown',
      });
    },
  );

  it.each([
    'call me',
    '+254abc',
    '+254 712 345 678 ext 5',
    '0712/345678',
    '++254712345678',
    '254+712345678',
    '+',
    '   ',
    '',
  ])('refuses %j as a format problem', (raw) => {
    expect(normalizePhone(raw, 'KE')).toEqual({ ok: false, problem: 'format' });
  });

  it.each([
    ['12', 'KE'],
    ['+2547', undefined],
    ['+254 712', undefined],
    ['07123456789999', 'KE'],
    ['+999 123 456 789', undefined],
  ])('refuses %j (default %s) as not a valid number', (raw, country) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: false, problem: 'invalid' });
  });
});

describe('phoneSearchDigits', () => {
  it.each([
    ['0712 345', '712345'],
    ['712345', '712345'],
    ['+254712345678', '254712345678'],
    ['(0712) 345-678', '712345678'],
  ])('reads %j as the digits %j', (query, digits) => {
    expect(phoneSearchDigits(query)).toBe(digits);
  });

  it('drops the leading trunk 0', () => {
    expect(phoneSearchDigits('0712')).toBe('712');
  });

  it.each(['12', '07', '071', '0', '+1', '0 1'])(
    'gives nothing for %j (fewer than 3 digits once the trunk 0 is dropped)',
    (query) => {
      expect(phoneSearchDigits(query)).toBeUndefined();
    },
  );

  it.each(['jane', 'jane@example.com', '12a', '0712 345 x', '%712%', '712_345', ''])(
    'gives nothing for the non-phone text %j',
    (query) => {
      expect(phoneSearchDigits(query)).toBeUndefined();
    },
  );
});
