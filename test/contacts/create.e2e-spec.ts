import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getContact, postContact, uniqueEmail, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectValidationError, fieldsOf } from '../utils/expect-error';
import { CONTACT_FIELDS, chars, ID_FORMAT, ISO_WITH_MS, startContactsApp } from './support';

describe('POST /v1/contacts', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startContactsApp();
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  describe('a valid contact', () => {
    it('is created with every field, a Location header and a time-ordered id', async () => {
      const phone = uniquePhone();
      const email = uniqueEmail();
      const before = Date.now();
      const res = await postContact(app, ws.apiKey, {
        firstName: 'Jane',
        lastName: 'Doe',
        phone,
        email,
        additionalPhones: [],
        additionalEmails: [],
        company: 'Acme Corp',
        jobTitle: 'CTO',
        website: 'https://acme.example.com/team?x=1',
        notes: 'Met at the conference.\nFollow up in May.',
        tags: ['vip', 'enterprise'],
        lifecycle: 'Customer',
      });
      const after = Date.now();

      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(Object.keys(res.body).sort()).toEqual(CONTACT_FIELDS);
      expect(res.body).toEqual({
        id: expect.stringMatching(ID_FORMAT),
        firstName: 'Jane',
        lastName: 'Doe',
        fullName: 'Jane Doe',
        phone,
        email,
        additionalPhones: [],
        additionalEmails: [],
        company: 'Acme Corp',
        jobTitle: 'CTO',
        website: 'https://acme.example.com/team?x=1',
        notes: 'Met at the conference.\nFollow up in May.',
        source: 'api',
        tags: ['vip', 'enterprise'],
        lifecycle: 'Customer',
        createdAt: expect.stringMatching(ISO_WITH_MS),
        updatedAt: expect.stringMatching(ISO_WITH_MS),
      });
      expect(res.headers.location).toBe(`/v1/contacts/${res.body.id}`);
      expect(res.body.updatedAt).toBe(res.body.createdAt);
      const created = Date.parse(res.body.createdAt);
      expect(created).toBeGreaterThanOrEqual(before - 1000);
      expect(created).toBeLessThanOrEqual(after + 1000);
      // ObjectId layout: the first 4 bytes are the creation time in seconds.
      const idSeconds = parseInt((res.body.id as string).slice(0, 8), 16);
      expect(Math.abs(idSeconds - Math.floor(created / 1000))).toBeLessThanOrEqual(2);
    });

    it('is stored: GET at the Location returns the same contact', async () => {
      const res = await postContact(app, ws.apiKey, { firstName: 'Stored', phone: uniquePhone() });
      expect(res.status).toBe(201);
      const read = await getContact(app, ws.apiKey, res.body.id);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);
    });

    it('has every unset field present as null and tags defaulting to []', async () => {
      const phone = uniquePhone();
      const res = await postContact(app, ws.apiKey, { firstName: 'Solo', phone });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(CONTACT_FIELDS);
      expect(res.body).toMatchObject({
        firstName: 'Solo',
        lastName: null,
        fullName: 'Solo',
        phone,
        email: null,
        company: null,
        jobTitle: null,
        website: null,
        notes: null,
        source: 'api',
        tags: [],
        lifecycle: null,
      });
    });

    it('accepts an email without a phone', async () => {
      const email = uniqueEmail();
      const res = await postContact(app, ws.apiKey, { firstName: 'Mail', email });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ phone: null, email });
    });

    it('reads explicit nulls and blank optional strings as unset', async () => {
      const res = await postContact(app, ws.apiKey, {
        firstName: 'Blank',
        lastName: '   ',
        phone: uniquePhone(),
        email: null,
        company: '',
        jobTitle: null,
        website: null,
        tags: null,
        lifecycle: null,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        lastName: null,
        fullName: 'Blank',
        email: null,
        company: null,
        jobTitle: null,
        website: null,
        tags: [],
        lifecycle: null,
      });
    });

    it('trims names, trims and lower-cases the email, and derives fullName', async () => {
      const local = `Ada.Lovelace.${Date.now()}`;
      const res = await postContact(app, ws.apiKey, {
        firstName: '  Ada ',
        lastName: '\tLovelace  ',
        email: `  ${local}@Example.COM `,
        company: '  Analytical Engines  ',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        firstName: 'Ada',
        lastName: 'Lovelace',
        fullName: 'Ada Lovelace',
        email: `${local.toLowerCase()}@example.com`,
        company: 'Analytical Engines',
      });
    });

    it('accepts every field at its maximum length', async () => {
      const tags = Array.from(
        { length: 50 },
        (_, i) => `${String(i).padStart(2, '0')}${chars(48, 't')}`,
      );
      const website = `https://example.com/${chars(2048 - 'https://example.com/'.length, 'p')}`;
      const email = `${chars(64, 'e')}@${chars(63, 'd')}.${chars(63, 'd')}.${chars(57, 'd')}.com`;
      expect(email).toHaveLength(254);
      const body = {
        firstName: chars(100, 'F'),
        lastName: chars(100, 'L'),
        email,
        company: chars(200, 'C'),
        jobTitle: chars(100, 'J'),
        website,
        notes: chars(10000, 'n'),
        tags,
        lifecycle: chars(50, 'l'),
      };
      const res = await postContact(app, ws.apiKey, body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ...body, fullName: `${body.firstName} ${body.lastName}` });
      const read = await getContact(app, ws.apiKey, res.body.id);
      expect(read.body).toEqual(res.body);
    });

    it('trims each tag and keeps their order', async () => {
      const res = await postContact(app, ws.apiKey, {
        firstName: 'Tagged',
        phone: uniquePhone(),
        tags: [' vip ', 'b2b', 'Enterprise'],
      });
      expect(res.status).toBe(201);
      expect(res.body.tags).toEqual(['vip', 'b2b', 'Enterprise']);
    });
  });

  describe('phone normalisation', () => {
    it.each([
      ['+254712345678', '+254712345678'],
      ['+254 712-345-678', '+254712345678'],
      ['(+254) 712 345 678', '+254712345678'],
      ['  +254 (712) 345.678  ', '+254712345678'],
      ['+1 (415) 555-2671', '+14155552671'],
      ['+44 20 7946 0958', '+442079460958'],
    ])('stores %j as %s', async (input, e164) => {
      // A workspace of its own: the same number in one workspace would be a duplicate.
      const own = await createWorkspace(app);
      const res = await postContact(app, own.apiKey, { firstName: 'Phone', phone: input });
      expect(res.body).toMatchObject({ phone: e164 });
      expect(res.status).toBe(201);
    });

    it.each([
      ['0712345678', '+254712345678'],
      ['0712 345-678', '+254712345678'],
      ['712345678', '+254712345678'],
      ['+1 415 555 2671', '+14155552671'],
    ])('reads %j in the workspace default country (KE) as %s', async (input, e164) => {
      const kenya = await createWorkspace(app, { defaultCountry: 'KE' });
      const res = await postContact(app, kenya.apiKey, { firstName: 'Local', phone: input });
      expect(res.body).toMatchObject({ phone: e164 });
      expect(res.status).toBe(201);
    });

    it('refuses a number without + when the workspace has no default country', async () => {
      const res = await postContact(app, ws.apiKey, { firstName: 'Local', phone: '0712345678' });
      const details = expectValidationError(res);
      expect(fieldsOf(details)).toEqual(['phone']);
    });

    it.each([
      ['letters', 'call me maybe'],
      ['too short', '+254 12'],
      ['too long', '+2547123456789012345'],
      ['no digits', '+ () -'],
      ['unknown country code', '+999 123 456 789'],
      ['a letter inside', '+25471234567a'],
      ['two plus signs', '++254712345678'],
      ['an extension marker', '+254712345678 ext 12'],
    ])('refuses an invalid phone (%s)', async (_label, phone) => {
      const res = await postContact(app, ws.apiKey, {
        firstName: 'Bad',
        phone,
        email: uniqueEmail(),
      });
      const details = expectValidationError(res);
      expect(fieldsOf(details)).toEqual(['phone']);
    });

    it('refuses a KE local number that is not valid in Kenya', async () => {
      const kenya = await createWorkspace(app, { defaultCountry: 'KE' });
      const res = await postContact(app, kenya.apiKey, { firstName: 'Bad', phone: '0123' });
      expect(fieldsOf(expectValidationError(res))).toEqual(['phone']);
    });
  });

  describe('validation', () => {
    const base = (): Record<string, unknown> => ({ firstName: 'Val', phone: uniquePhone() });

    it.each<[string, Record<string, unknown>, string]>([
      ['firstName missing', { firstName: undefined }, 'firstName'],
      ['firstName null', { firstName: null }, 'firstName'],
      ['firstName empty', { firstName: '' }, 'firstName'],
      ['firstName blank', { firstName: '   ' }, 'firstName'],
      ['firstName 101 chars', { firstName: chars(101) }, 'firstName'],
      ['firstName a number', { firstName: 123 }, 'firstName'],
      ['firstName an object', { firstName: { first: 'x' } }, 'firstName'],
      ['firstName an array', { firstName: ['Jane'] }, 'firstName'],
      ['lastName 101 chars', { lastName: chars(101) }, 'lastName'],
      ['lastName a number', { lastName: 7 }, 'lastName'],
      ['email invalid', { email: 'not-an-email' }, 'email'],
      ['email without domain', { email: 'jane@' }, 'email'],
      [
        'email 255 chars',
        { email: `${chars(64)}@${chars(63, 'd')}.${chars(63, 'd')}.${chars(58, 'd')}.com` },
        'email',
      ],
      ['email a number', { email: 42 }, 'email'],
      ['phone a number', { phone: 254712345678 }, 'phone'],
      ['company 201 chars', { company: chars(201) }, 'company'],
      ['jobTitle 101 chars', { jobTitle: chars(101) }, 'jobTitle'],
      ['website ftp', { website: 'ftp://files.example.com' }, 'website'],
      ['website javascript:', { website: 'javascript:alert(1)' }, 'website'],
      ['website without scheme', { website: 'example.com' }, 'website'],
      ['website not a URL', { website: 'not a url' }, 'website'],
      [
        'website 2049 chars',
        { website: `https://example.com/${chars(2049 - 20, 'p')}` },
        'website',
      ],
      ['notes 10001 chars', { notes: chars(10001) }, 'notes'],
      ['notes a number', { notes: 1 }, 'notes'],
      ['tags not an array', { tags: 'vip' }, 'tags'],
      ['tags an object', { tags: { vip: true } }, 'tags'],
      ['51 tags', { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
      ['duplicate tags', { tags: ['vip', 'vip'] }, 'tags'],
      ['duplicate tags after trimming', { tags: ['vip', ' vip '] }, 'tags'],
      ['a 51-char tag', { tags: ['ok', chars(51)] }, 'tags'],
      ['an empty tag', { tags: ['ok', ''] }, 'tags'],
      ['a blank tag', { tags: ['   '] }, 'tags'],
      ['a tag that is a number', { tags: [1] }, 'tags'],
      ['a tag that is null', { tags: [null] }, 'tags'],
      ['lifecycle 51 chars', { lifecycle: chars(51) }, 'lifecycle'],
      ['lifecycle a number', { lifecycle: 3 }, 'lifecycle'],
    ])('refuses %s', async (_label, overrides, field) => {
      const body = { ...base(), ...overrides };
      if (overrides.firstName === undefined && 'firstName' in overrides) delete body.firstName;
      const res = await postContact(app, ws.apiKey, body);
      const details = expectValidationError(res);
      expect(fieldsOf(details)).toEqual([field]);
    });

    it.each<[string, Record<string, unknown>]>([
      ['neither phone nor email', {}],
      ['phone and email null', { phone: null, email: null }],
      ['phone and email blank', { phone: '  ', email: '' }],
    ])('refuses a contact with %s', async (_label, overrides) => {
      const res = await postContact(app, ws.apiKey, {
        firstName: 'Nobody',
        lastName: 'X',
        ...overrides,
      });
      const details = expectValidationError(res);
      expect(fieldsOf(details)).toEqual(expect.arrayContaining(['phone', 'email']));
      expect(details.every((d) => d.field === 'phone' || d.field === 'email')).toBe(true);
    });

    it('refuses an unknown field as "not a known field"', async () => {
      const res = await postContact(app, ws.apiKey, { ...base(), nickname: 'JD' });
      const details = expectValidationError(res);
      expect(details).toEqual([
        { field: 'nickname', message: expect.stringContaining('not a known field') },
      ]);
    });

    it('does not store a contact sent with an unknown field', async () => {
      const phone = uniquePhone();
      const refused = await postContact(app, ws.apiKey, {
        firstName: 'Sneaky',
        phone,
        workspaceId: 'x',
      });
      expectValidationError(refused);
      const again = await postContact(app, ws.apiKey, { firstName: 'Sneaky', phone });
      expect(again.status).toBe(201);
    });

    it.each([
      ['id', '6634e2b1a7c3f500231a8b01'],
      ['source', 'message'],
      ['fullName', 'Someone Else'],
      ['createdAt', '2025-05-01T10:00:00.000Z'],
      ['updatedAt', '2025-05-01T10:00:00.000Z'],
    ])('refuses the read-only field %s', async (field, value) => {
      const res = await postContact(app, ws.apiKey, { ...base(), [field]: value });
      const details = expectValidationError(res);
      expect(details).toEqual([{ field, message: expect.stringContaining('read-only') }]);
    });

    it('lists every bad field at once', async () => {
      const res = await postContact(app, ws.apiKey, {
        firstName: '',
        lastName: chars(101),
        phone: uniquePhone(),
        email: 'nope',
        website: 'ftp://x.example.com',
        tags: 'vip',
        lifecycle: chars(51),
        id: '6634e2b1a7c3f500231a8b01',
        favouriteColour: 'blue',
      });
      const details = expectValidationError(res);
      expect(fieldsOf(details)).toEqual(
        [
          'email',
          'favouriteColour',
          'firstName',
          'id',
          'lastName',
          'lifecycle',
          'tags',
          'website',
        ].sort(),
      );
      expect(details.find((d) => d.field === 'id')?.message).toContain('read-only');
      expect(details.find((d) => d.field === 'favouriteColour')?.message).toContain(
        'not a known field',
      );
    });

    it('lists a phone problem together with the other bad fields', async () => {
      const res = await postContact(app, ws.apiKey, {
        firstName: '',
        phone: 'call me maybe',
        email: 'nope',
        colour: 'red',
      });
      expect(fieldsOf(expectValidationError(res))).toEqual([
        'colour',
        'email',
        'firstName',
        'phone',
      ]);
    });

    it('lists an invalid international phone together with the other bad fields', async () => {
      const res = await postContact(app, ws.apiKey, { firstName: chars(101), phone: '+254 12' });
      const details = expectValidationError(res);
      expect(fieldsOf(details)).toEqual(['firstName', 'phone']);
      expect(details.find((d) => d.field === 'phone')?.message).toMatch(/not a valid phone number/);
    });

    it.each([
      ['firstName', { firstName: 'Ja\u0000ne' }],
      ['notes', { notes: 'before\u0000after' }],
      ['company', { company: '\u0000' }],
      ['tags.0', { tags: ['v\u0000ip'] }],
    ])('refuses a NUL character (%s)', async (field, overrides) => {
      const res = await postContact(app, ws.apiKey, { ...base(), ...overrides });
      const details = expectValidationError(res);
      expect(fieldsOf(details)).toEqual([field]);
    });

    it('refuses a lone surrogate (not storable as UTF-8)', async () => {
      const res = await postContact(app, ws.apiKey, { ...base(), lastName: 'x\ud800y' });
      expect(fieldsOf(expectValidationError(res))).toEqual(['lastName']);
    });

    it('accepts non-ASCII names unchanged', async () => {
      const res = await postContact(app, ws.apiKey, {
        ...base(),
        firstName: 'Zoë',
        lastName: 'Ñúñez 山田 🙂',
      });
      expect(res.status).toBe(201);
      expect(res.body.fullName).toBe('Zoë Ñúñez 山田 🙂');
    });

    it.each([
      ['an array', [{ firstName: 'Jane', phone: '+254712345678' }]],
      ['a string', 'Jane'],
      ['a number', 12],
      ['null', null],
    ])('refuses a body that is %s', async (_label, body) => {
      const res = await postContact(app, ws.apiKey, JSON.stringify(body)).set(
        'Content-Type',
        'application/json',
      );
      expect(res.status).toBe(400);
      expect(['validation_failed', 'invalid_body', 'invalid_json']).toContain(res.body.code);
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
    });
  });
});
