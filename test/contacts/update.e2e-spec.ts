import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import {
  createContact,
  getContact,
  patchContact,
  uniqueEmail,
  uniquePhone,
} from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError, expectValidationError, fieldsOf } from '../utils/expect-error';
import { waitFor } from '../utils/wait';
import { CONTACT_FIELDS, chars, ISO_WITH_MS, startContactsApp } from './support';

/**
 * Resolves once this process's clock (the test app's: it runs in this process) is past `iso`,
 * so that a write now would stamp a later updatedAt than the one read: "updatedAt did not move"
 * is then a finding, not a coincidence of one millisecond.
 */
const clockPast = (iso: string): Promise<boolean> =>
  waitFor(() => Date.now() > Date.parse(iso), { what: `the clock to pass ${iso}`, intervalMs: 1 });

describe('PATCH /v1/contacts/:id', () => {
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

  /** A contact with every optional field set. */
  function fullContact(): Promise<ContactResponse> {
    return createContact(app, ws.apiKey, {
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme Corp',
      jobTitle: 'Engineer',
      website: 'https://acme.example.com',
      notes: 'Likes tea',
      tags: ['vip', 'enterprise'],
      lifecycle: 'Lead',
    });
  }

  it('changes only the fields sent and returns the full contact', async () => {
    const before = await fullContact();
    await clockPast(before.updatedAt);
    const res = await patchContact(app, ws.apiKey, before.id, {
      company: 'New Corp',
      jobTitle: 'CTO',
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(CONTACT_FIELDS);
    expect(res.body).toEqual({
      ...before,
      company: 'New Corp',
      jobTitle: 'CTO',
      updatedAt: expect.stringMatching(ISO_WITH_MS),
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(res.body.createdAt).toBe(before.createdAt);
    // And it is stored.
    expect((await getContact(app, ws.apiKey, before.id)).body).toEqual(res.body);
  });

  it('sets each writable field, normalised as on create', async () => {
    const before = await createContact(app, ws.apiKey, { lastName: null });
    const phone = uniquePhone();
    const email = uniqueEmail();
    const res = await patchContact(app, ws.apiKey, before.id, {
      firstName: '  Janet ',
      lastName: ' Smith ',
      phone: `${phone.slice(0, 4)} (${phone.slice(4, 7)}) ${phone.slice(7)}`,
      email: ` ${email.toUpperCase()} `,
      company: ' Globex ',
      jobTitle: 'VP',
      website: 'http://globex.example',
      notes: 'Moved to Globex',
      tags: ['b2b', ' partner '],
      lifecycle: 'Customer',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...before,
      firstName: 'Janet',
      lastName: 'Smith',
      fullName: 'Janet Smith',
      phone,
      email,
      company: 'Globex',
      jobTitle: 'VP',
      website: 'http://globex.example',
      notes: 'Moved to Globex',
      tags: ['b2b', 'partner'],
      lifecycle: 'Customer',
      updatedAt: res.body.updatedAt,
    });
  });

  it('replaces the tags as a whole', async () => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, { tags: ['churned'] });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(['churned']);
  });

  it('clears optional fields sent as null (tags become [])', async () => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, {
      lastName: null,
      company: null,
      jobTitle: null,
      website: null,
      notes: null,
      tags: null,
      lifecycle: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...before,
      lastName: null,
      fullName: 'Jane',
      company: null,
      jobTitle: null,
      website: null,
      notes: null,
      tags: [],
      lifecycle: null,
      updatedAt: res.body.updatedAt,
    });
    expect((await getContact(app, ws.apiKey, before.id)).body).toEqual(res.body);
  });

  it('clears with a blank string too, and with an empty tag list', async () => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, {
      lastName: '  ',
      company: '',
      tags: [],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lastName: null, fullName: 'Jane', company: null, tags: [] });
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
    ['101 chars', chars(101)],
    ['a number', 5],
  ])('refuses firstName %s', async (_label, firstName) => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, { firstName });
    expect(fieldsOf(expectValidationError(res))).toEqual(['firstName']);
    expect((await getContact(app, ws.apiKey, before.id)).body).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['lastName 101 chars', { lastName: chars(101) }, 'lastName'],
    ['an invalid email', { email: 'nope' }, 'email'],
    ['an invalid phone', { phone: '+254 12' }, 'phone'],
    ['company 201 chars', { company: chars(201) }, 'company'],
    ['a non-http website', { website: 'ftp://x.example.com' }, 'website'],
    ['notes 10001 chars', { notes: chars(10001) }, 'notes'],
    ['duplicate tags', { tags: ['a', 'a'] }, 'tags'],
    ['tags not an array', { tags: 'a' }, 'tags'],
    ['lifecycle 51 chars', { lifecycle: chars(51) }, 'lifecycle'],
    ['a NUL character', { notes: 'a\u0000b' }, 'notes'],
  ])('refuses %s', async (_label, body, field) => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, body);
    expect(fieldsOf(expectValidationError(res))).toEqual([field]);
    expect((await getContact(app, ws.apiKey, before.id)).body).toEqual(before);
  });

  it('reads a phone without + in the workspace default country', async () => {
    const kenya = await createWorkspace(app, { defaultCountry: 'KE' });
    const contact = await createContact(app, kenya.apiKey, { phone: null });
    const res = await patchContact(app, kenya.apiKey, contact.id, { phone: '0712 345 678' });
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('+254712345678');
  });

  it('refuses a phone without + when the workspace has no default country', async () => {
    const contact = await createContact(app, ws.apiKey);
    const res = await patchContact(app, ws.apiKey, contact.id, { phone: '0712345678' });
    expect(fieldsOf(expectValidationError(res))).toEqual(['phone']);
  });

  it('refuses an empty body with empty_update', async () => {
    const contact = await createContact(app, ws.apiKey);
    const res = await patchContact(app, ws.apiKey, contact.id, {});
    expectError(res, 400, 'empty_update');
    expect((await getContact(app, ws.apiKey, contact.id)).body).toEqual(contact);
  });

  it('refuses clearing the phone of a contact that has no email', async () => {
    const contact = await createContact(app, ws.apiKey, { email: null });
    const res = await patchContact(app, ws.apiKey, contact.id, { phone: null });
    expect(fieldsOf(expectValidationError(res))).toEqual(expect.arrayContaining(['phone']));
    expect((await getContact(app, ws.apiKey, contact.id)).body).toEqual(contact);
  });

  it('refuses clearing the email of a contact that has no phone', async () => {
    const contact = await createContact(app, ws.apiKey, { phone: null });
    const res = await patchContact(app, ws.apiKey, contact.id, { email: '' });
    expect(fieldsOf(expectValidationError(res))).toEqual(expect.arrayContaining(['email']));
    expect((await getContact(app, ws.apiKey, contact.id)).body).toEqual(contact);
  });

  it('refuses clearing both phone and email at once', async () => {
    const contact = await createContact(app, ws.apiKey);
    const res = await patchContact(app, ws.apiKey, contact.id, { phone: null, email: null });
    expect(fieldsOf(expectValidationError(res))).toEqual(['email', 'phone']);
    expect((await getContact(app, ws.apiKey, contact.id)).body).toEqual(contact);
  });

  it('allows clearing the phone when an email remains (and swapping one for the other)', async () => {
    const contact = await createContact(app, ws.apiKey);
    const cleared = await patchContact(app, ws.apiKey, contact.id, { phone: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ phone: null, email: contact.email });

    const swapped = await patchContact(app, ws.apiKey, contact.id, {
      phone: contact.phone,
      email: null,
    });
    expect(swapped.status).toBe(200);
    expect(swapped.body).toMatchObject({ phone: contact.phone, email: null });
  });

  it('answers a patch that changes nothing with 200 and leaves updatedAt alone', async () => {
    const before = await fullContact();
    await clockPast(before.updatedAt);
    const res = await patchContact(app, ws.apiKey, before.id, {
      firstName: ' Jane ',
      lastName: 'Doe',
      company: 'Acme Corp',
      phone: `${before.phone!.slice(0, 4)} ${before.phone!.slice(4)}`,
      email: before.email!.toUpperCase(),
      tags: ['vip', 'enterprise'],
      lifecycle: 'Lead',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(before);
    expect((await getContact(app, ws.apiKey, before.id)).body.updatedAt).toBe(before.updatedAt);
  });

  it('treats clearing an already empty field as no change', async () => {
    const before = await createContact(app, ws.apiKey, { lastName: null });
    await clockPast(before.updatedAt);
    const res = await patchContact(app, ws.apiKey, before.id, { company: null, tags: [] });
    expect(res.status).toBe(200);
    expect(res.body.updatedAt).toBe(before.updatedAt);
  });

  it('moves updatedAt forward on every real change and never moves createdAt', async () => {
    const before = await fullContact();
    let previous = before.updatedAt;
    for (const company of ['One', 'Two', 'Three']) {
      const res = await patchContact(app, ws.apiKey, before.id, { company });
      expect(res.status).toBe(200);
      expect(res.body.updatedAt).toMatch(ISO_WITH_MS);
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(previous));
      expect(res.body.createdAt).toBe(before.createdAt);
      previous = res.body.updatedAt;
    }
    expect((await getContact(app, ws.apiKey, before.id)).body.updatedAt).toBe(previous);
  });

  it('keeps tag order significant (a reorder is a change)', async () => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, { tags: ['enterprise', 'vip'] });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(['enterprise', 'vip']);
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
  });

  it('answers 404 contact_not_found for an id that does not exist', async () => {
    const res = await patchContact(app, ws.apiKey, 'ffffffffffffffffffffffff', { company: 'X' });
    expectError(res, 404, 'contact_not_found');
  });

  it.each([
    'abc',
    'FFFFFFFFFFFFFFFFFFFFFFFF',
    '6634e2b1a7c3f500231a8b0',
    '6634e2b1a7c3f500231a8b011',
    "1' OR '1'='1",
  ])('answers 404 contact_not_found for the malformed id %j', async (id) => {
    const res = await patchContact(app, ws.apiKey, id, { company: 'X' });
    expectError(res, 404, 'contact_not_found');
  });

  it.each([
    ['id', 'ffffffffffffffffffffffff'],
    ['source', 'message'],
    ['fullName', 'Someone Else'],
    ['createdAt', '2020-01-01T00:00:00.000Z'],
    ['updatedAt', '2020-01-01T00:00:00.000Z'],
  ])('refuses the read-only field %s and changes nothing', async (field, value) => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, {
      company: 'Sneaky',
      [field]: value,
    });
    expect(expectValidationError(res)).toEqual([
      { field, message: expect.stringContaining('read-only') },
    ]);
    expect((await getContact(app, ws.apiKey, before.id)).body).toEqual(before);
  });

  it('refuses an unknown field as "not a known field"', async () => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, {
      company: 'X',
      workspaceId: 'other',
    });
    expect(expectValidationError(res)).toEqual([
      { field: 'workspaceId', message: expect.stringContaining('not a known field') },
    ]);
    expect((await getContact(app, ws.apiKey, before.id)).body).toEqual(before);
  });

  it('lists a phone problem of a patch together with the other bad fields', async () => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, {
      phone: '+254 12',
      website: 'nope',
    });
    expect(fieldsOf(expectValidationError(res))).toEqual(['phone', 'website']);
    expect((await getContact(app, ws.apiKey, before.id)).body).toEqual(before);
  });

  it('lists every bad field of a patch at once', async () => {
    const before = await fullContact();
    const res = await patchContact(app, ws.apiKey, before.id, {
      firstName: null,
      email: 'bad',
      tags: ['x', 'x'],
      source: 'message',
      colour: 'red',
    });
    expect(fieldsOf(expectValidationError(res))).toEqual([
      'colour',
      'email',
      'firstName',
      'source',
      'tags',
    ]);
  });
});
