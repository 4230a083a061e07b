import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response } from 'supertest';
import {
  createContact,
  getContact,
  listContacts,
  patchContact,
  postContact,
  uniqueEmail,
  uniquePhone,
} from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError } from '../utils/expect-error';
import { startContactsApp } from './support';

function idsOf(body: { items: { id: string }[] }): string[] {
  return body.items.map((c) => c.id);
}

/** Asserts a 409 `contact_exists` and returns its details. */
function expectConflict(res: Response): { field: string; contactId: string }[] {
  const details = expectError(res, 409, 'contact_exists');
  for (const detail of details) expect(Object.keys(detail).sort()).toEqual(['contactId', 'field']);
  return details as { field: string; contactId: string }[];
}

describe('contacts dedupe (phone and email unique per workspace)', () => {
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

  describe('on create', () => {
    it('refuses the same phone written differently, naming the existing contact', async () => {
      const existing = await createContact(app, ws.apiKey, {
        phone: '+254 733 100 200',
        email: null,
      });
      expect(existing.phone).toBe('+254733100200');

      for (const written of ['+254733100200', '+254-733-100-200', '(+254) 733 100 200']) {
        const res = await postContact(app, ws.apiKey, {
          firstName: 'Dup',
          phone: written,
          email: uniqueEmail(),
        });
        expect(expectConflict(res)).toEqual([{ field: 'phone', contactId: existing.id }]);
        expect(res.body.message).toMatch(/phone/);
      }

      // The id in the 409 is one the client can fetch.
      const fetched = await getContact(app, ws.apiKey, existing.id);
      expect(fetched.status).toBe(200);
      expect(fetched.body.phone).toBe('+254733100200');
    });

    it('refuses a local number that is the same phone in the workspace default country', async () => {
      const kenya = await createWorkspace(app, { defaultCountry: 'KE' });
      const existing = await createContact(app, kenya.apiKey, {
        phone: '+254712345678',
        email: null,
      });
      const res = await postContact(app, kenya.apiKey, {
        firstName: 'Local',
        phone: '0712 345 678',
      });
      expect(expectConflict(res)).toEqual([{ field: 'phone', contactId: existing.id }]);
    });

    it('refuses the same email with a different case or surrounding spaces', async () => {
      const stamp = Date.now();
      const existing = await createContact(app, ws.apiKey, {
        phone: null,
        email: `Jane.${stamp}@X.com`,
      });
      expect(existing.email).toBe(`jane.${stamp}@x.com`);

      for (const written of [
        `jane.${stamp}@x.com`,
        `JANE.${stamp}@X.COM`,
        `  Jane.${stamp}@x.Com `,
      ]) {
        const res = await postContact(app, ws.apiKey, {
          firstName: 'Dup',
          email: written,
          phone: uniquePhone(),
        });
        expect(expectConflict(res)).toEqual([{ field: 'email', contactId: existing.id }]);
        expect(res.body.message).toMatch(/email/);
      }
    });

    it('names both conflicts when the phone and the email belong to two different contacts', async () => {
      const byPhone = await createContact(app, ws.apiKey, { email: null });
      const byEmail = await createContact(app, ws.apiKey, { phone: null });
      const res = await postContact(app, ws.apiKey, {
        firstName: 'Both',
        phone: byPhone.phone,
        email: byEmail.email!.toUpperCase(),
      });
      const details = expectConflict(res);
      expect(details).toHaveLength(2);
      expect(details).toEqual(
        expect.arrayContaining([
          { field: 'phone', contactId: byPhone.id },
          { field: 'email', contactId: byEmail.id },
        ]),
      );
    });

    it('names both fields when the phone and the email belong to the same contact', async () => {
      const existing = await createContact(app, ws.apiKey);
      const res = await postContact(app, ws.apiKey, {
        firstName: 'Again',
        phone: existing.phone,
        email: existing.email,
      });
      const details = expectConflict(res);
      expect(details).toEqual(
        expect.arrayContaining([
          { field: 'phone', contactId: existing.id },
          { field: 'email', contactId: existing.id },
        ]),
      );
      expect(details).toHaveLength(2);
    });

    it('stores nothing when the create is refused', async () => {
      const existing = await createContact(app, ws.apiKey, { email: null });
      const freshEmail = uniqueEmail();
      expectConflict(
        await postContact(app, ws.apiKey, {
          firstName: 'Ghost',
          phone: existing.phone,
          email: freshEmail,
        }),
      );
      // The email of the refused create is still free.
      const res = await postContact(app, ws.apiKey, { firstName: 'Real', email: freshEmail });
      expect(res.status).toBe(201);
    });

    it('allows many contacts without a phone, and many without an email', async () => {
      const own = await createWorkspace(app);
      for (let i = 0; i < 3; i++) {
        expect(
          (await postContact(app, own.apiKey, { firstName: 'NoPhone', email: uniqueEmail() }))
            .status,
        ).toBe(201);
        expect(
          (await postContact(app, own.apiKey, { firstName: 'NoEmail', phone: uniquePhone() }))
            .status,
        ).toBe(201);
      }
    });

    it('allows the same phone and email in another workspace', async () => {
      const existing = await createContact(app, ws.apiKey);
      const other = await createWorkspace(app);
      const res = await postContact(app, other.apiKey, {
        firstName: 'Twin',
        phone: existing.phone,
        email: existing.email,
      });
      expect(res.status).toBe(201);
      expect(res.body.id).not.toBe(existing.id);
      expect(res.body).toMatchObject({ phone: existing.phone, email: existing.email });
    });
  });

  describe('under concurrency (enforced by the database)', () => {
    async function race(
      target: TestWorkspace,
      bodyOf: (i: number) => Record<string, unknown>,
    ): Promise<Response[]> {
      return Promise.all(
        Array.from({ length: 20 }, (_, i) => postContact(app, target.apiKey, bodyOf(i))),
      );
    }

    it('gives exactly one 201 and nineteen 409 for 20 simultaneous creates with one phone', async () => {
      const own = await createWorkspace(app);
      const phone = uniquePhone();
      const responses = await race(own, (i) => ({
        firstName: `Racer ${i}`,
        // The same number, written several ways.
        phone: i % 2 === 0 ? phone : `${phone.slice(0, 4)} ${phone.slice(4, 7)}-${phone.slice(7)}`,
        email: uniqueEmail(),
      }));
      const created = responses.filter((r) => r.status === 201);
      const conflicts = responses.filter((r) => r.status === 409);
      expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
      const winner = created[0].body.id as string;
      for (const res of conflicts) {
        expect(expectConflict(res)).toEqual([{ field: 'phone', contactId: winner }]);
      }
      const listed = await listContacts(app, own.apiKey);
      expect(listed.body.total).toBe(1);
      expect(listed.body.items[0].id).toBe(winner);
    });

    it('gives exactly one 201 and nineteen 409 for 20 simultaneous creates with one email', async () => {
      const own = await createWorkspace(app);
      const email = uniqueEmail();
      const responses = await race(own, (i) => ({
        firstName: `Racer ${i}`,
        email: i % 3 === 0 ? email.toUpperCase() : email,
        phone: uniquePhone(),
      }));
      expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
      const winner = responses.find((r) => r.status === 201)!.body.id as string;
      for (const res of responses.filter((r) => r.status === 409)) {
        expect(expectConflict(res)).toEqual([{ field: 'email', contactId: winner }]);
      }
      const listed = await listContacts(app, own.apiKey);
      expect(listed.body.total).toBe(1);
    });

    it('lets 20 simultaneous creates with distinct phones all succeed', async () => {
      const own = await createWorkspace(app);
      const responses = await race(own, (i) => ({
        firstName: `Distinct ${i}`,
        phone: uniquePhone(),
      }));
      expect(responses.every((r) => r.status === 201)).toBe(true);
      expect(new Set(responses.map((r) => r.body.id as string)).size).toBe(20);
      expect((await listContacts(app, own.apiKey)).body.total).toBe(20);
    });
  });

  describe('on update', () => {
    it('lets only one of two contacts racing to the same new phone have it', async () => {
      const own = await createWorkspace(app);
      const racers = await Promise.all(
        Array.from({ length: 10 }, () => createContact(app, own.apiKey)),
      );
      const phone = uniquePhone();
      const responses = await Promise.all(
        racers.map((contact) => patchContact(app, own.apiKey, contact.id, { phone })),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
      const winner = responses.find((r) => r.status === 200)!.body.id as string;
      for (const res of responses.filter((r) => r.status === 409)) {
        expect(expectConflict(res)).toEqual([{ field: 'phone', contactId: winner }]);
      }
      const holders = await listContacts(app, own.apiKey, { search: phone });
      expect(idsOf(holders.body)).toEqual([winner]);
    });

    it('refuses a phone that belongs to another contact, naming it, and changes nothing', async () => {
      const owner = await createContact(app, ws.apiKey);
      const other = await createContact(app, ws.apiKey);
      const spaced = `${owner.phone!.slice(0, 4)} ${owner.phone!.slice(4)}`;
      const res = await patchContact(app, ws.apiKey, other.id, {
        phone: spaced,
        company: 'Changed',
      });
      expect(expectConflict(res)).toEqual([{ field: 'phone', contactId: owner.id }]);
      const after = await getContact(app, ws.apiKey, other.id);
      expect(after.body).toEqual(other);
    });

    it('refuses an email that belongs to another contact, naming it', async () => {
      const owner = await createContact(app, ws.apiKey);
      const other = await createContact(app, ws.apiKey);
      const res = await patchContact(app, ws.apiKey, other.id, {
        email: ` ${owner.email!.toUpperCase()} `,
      });
      expect(expectConflict(res)).toEqual([{ field: 'email', contactId: owner.id }]);
      expect((await getContact(app, ws.apiKey, other.id)).body).toEqual(other);
    });

    it('names both owners when phone and email collide with two contacts', async () => {
      const phoneOwner = await createContact(app, ws.apiKey);
      const emailOwner = await createContact(app, ws.apiKey);
      const other = await createContact(app, ws.apiKey);
      const res = await patchContact(app, ws.apiKey, other.id, {
        phone: phoneOwner.phone,
        email: emailOwner.email,
      });
      const details = expectConflict(res);
      expect(details).toHaveLength(2);
      expect(details).toEqual(
        expect.arrayContaining([
          { field: 'phone', contactId: phoneOwner.id },
          { field: 'email', contactId: emailOwner.id },
        ]),
      );
    });

    it('does not conflict with the contact itself', async () => {
      const contact = await createContact(app, ws.apiKey);
      const res = await patchContact(app, ws.apiKey, contact.id, {
        phone: `${contact.phone!.slice(0, 4)}-${contact.phone!.slice(4)}`,
        email: contact.email!.toUpperCase(),
        company: 'Self Ltd',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        phone: contact.phone,
        email: contact.email,
        company: 'Self Ltd',
      });
    });

    it('frees the old phone when a contact moves to a new one', async () => {
      const contact = await createContact(app, ws.apiKey);
      const oldPhone = contact.phone;
      const moved = await patchContact(app, ws.apiKey, contact.id, { phone: uniquePhone() });
      expect(moved.status).toBe(200);
      const res = await postContact(app, ws.apiKey, { firstName: 'Heir', phone: oldPhone });
      expect(res.status).toBe(201);
    });

    it('allows taking a phone that is used only in another workspace', async () => {
      const elsewhere = await createWorkspace(app);
      const foreign = await createContact(app, elsewhere.apiKey);
      const mine = await createContact(app, ws.apiKey);
      const res = await patchContact(app, ws.apiKey, mine.id, { phone: foreign.phone });
      expect(res.status).toBe(200);
      expect(res.body.phone).toBe(foreign.phone);
    });
  });
});
