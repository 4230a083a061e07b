import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import {
  createContact,
  getContact,
  listContacts,
  patchContact,
} from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError, withoutRequestId } from '../utils/expect-error';
import { CONTACT_FIELDS, startContactsApp } from './support';

describe('GET /v1/contacts/:id and workspace isolation', () => {
  let app: NestFastifyApplication;
  let a: TestWorkspace;
  let b: TestWorkspace;
  let mineA: ContactResponse[];
  let theirsB: ContactResponse[];

  beforeAll(async () => {
    app = await startContactsApp();
    a = await createWorkspace(app);
    b = await createWorkspace(app);
    mineA = [];
    theirsB = [];
    for (let i = 0; i < 3; i++) {
      mineA.push(
        await createContact(app, a.apiKey, { firstName: `Alpha${i}`, lastName: 'Shared' }),
      );
      theirsB.push(
        await createContact(app, b.apiKey, { firstName: `Bravo${i}`, lastName: 'Shared' }),
      );
    }
  });
  afterAll(() => app.close());

  describe('GET /v1/contacts/:id', () => {
    it('returns the full contact', async () => {
      const res = await getContact(app, a.apiKey, mineA[0].id);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(CONTACT_FIELDS);
      expect(res.body).toEqual(mineA[0]);
    });

    it('works with a read-only key', async () => {
      const readOnly = await a.newKey(['read:contacts']);
      const res = await getContact(app, readOnly, mineA[1].id);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(mineA[1].id);
    });

    it('answers 404 contact_not_found for an id that does not exist', async () => {
      const res = await getContact(app, a.apiKey, '000000000000000000000000');
      expectError(res, 404, 'contact_not_found');
      expect(res.body.details).toBeUndefined();
    });

    it.each(['abc', 'ZZZZZZZZZZZZZZZZZZZZZZZZ', `${'a'.repeat(25)}`, 'null'])(
      'answers 404 contact_not_found for the malformed id %j',
      async (id) => {
        expectError(await getContact(app, a.apiKey, id), 404, 'contact_not_found');
      },
    );
  });

  describe('a key of workspace A and the contacts of workspace B', () => {
    it('cannot read them: 404 exactly like an id that does not exist', async () => {
      const foreign = await getContact(app, a.apiKey, theirsB[0].id);
      // An id of the same shape and age that belongs to nobody.
      const nobody = `${theirsB[0].id.slice(0, 20)}${theirsB[0].id.endsWith('0000') ? '0001' : '0000'}`;
      const missing = await getContact(app, a.apiKey, nobody);

      expectError(foreign, 404, 'contact_not_found');
      expectError(missing, 404, 'contact_not_found');
      expect(withoutRequestId(foreign.body)).toEqual(withoutRequestId(missing.body));
      expect(foreign.headers['content-type']).toBe(missing.headers['content-type']);
      expect(JSON.stringify(foreign.body)).not.toContain(theirsB[0].id);
    });

    it('cannot update them: 404, and the contact is unchanged', async () => {
      const res = await patchContact(app, a.apiKey, theirsB[1].id, { company: 'Hijacked' });
      const missing = await patchContact(app, a.apiKey, 'ffffffffffffffffffffffff', {
        company: 'Hijacked',
      });
      expectError(res, 404, 'contact_not_found');
      expect(withoutRequestId(res.body)).toEqual(withoutRequestId(missing.body));
      const still = await getContact(app, b.apiKey, theirsB[1].id);
      expect(still.body).toEqual(theirsB[1]);
    });

    it('never sees them in the list', async () => {
      const res = await listContacts(app, a.apiKey, { limit: 100 });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(mineA.length);
      expect((res.body.items as ContactResponse[]).map((c) => c.id).sort()).toEqual(
        mineA.map((c) => c.id).sort(),
      );
    });

    it('never finds them by search, whether by name, email or phone', async () => {
      for (const search of ['Bravo', 'Shared', theirsB[0].email!, theirsB[0].phone!]) {
        const res = await listContacts(app, a.apiKey, { search });
        expect(res.status).toBe(200);
        const ids = (res.body.items as ContactResponse[]).map((c) => c.id);
        for (const contact of theirsB) expect(ids).not.toContain(contact.id);
      }
      const shared = await listContacts(app, a.apiKey, { search: 'shared' });
      expect(shared.body.total).toBe(mineA.length);
    });

    it('and the key of B sees only B', async () => {
      const res = await listContacts(app, b.apiKey, { limit: 100 });
      expect((res.body.items as ContactResponse[]).map((c) => c.id).sort()).toEqual(
        theirsB.map((c) => c.id).sort(),
      );
      expect((await getContact(app, b.apiKey, mineA[0].id)).status).toBe(404);
    });
  });
});
