import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { type Response } from 'supertest';
import { DataSource } from 'typeorm';
import { newId } from '../../src/common/ids/object-id';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import { ConversationEntity } from '../../src/conversations/entities/conversation.entity';
import { MessageEntity } from '../../src/conversations/entities/message.entity';
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
import { expectError, expectValidationError, fieldsOf } from '../utils/expect-error';
import { drainWorkspace } from '../utils/outbox';
import { startContactsApp } from './support';

type MatchedBy = 'phone' | 'additional_phone' | 'variant' | 'created';

interface SentMessage {
  id: string;
  conversationId: string;
  contactId: string;
  resolution: { contactId: string; matchedBy: MatchedBy };
}

interface HistoryEntry {
  type: string;
  changes: { field: string; old: unknown; new: unknown }[];
}

/** One mobile number in its two forms (SPEC §10, src/contacts/utils/phone-variants.ts). */
interface VariantCase {
  country: string;
  /** What is stored: E.164 of the canonical form. */
  canonical: string;
  /** The canonical form as a person would type it. */
  canonicalWritten: string;
  /** The other form, as some messaging platforms report it. */
  variantWritten: string;
}

const VARIANTS: VariantCase[] = [
  // The ninth mobile digit is canonical.
  {
    country: 'Brazil',
    canonical: '+5511912345678',
    canonicalWritten: '+55 11 91234-5678',
    variantWritten: '+55 11 1234-5678',
  },
  // The form without the 1 after +52 is canonical.
  {
    country: 'Mexico',
    canonical: '+525512345678',
    canonicalWritten: '+52 55 1234 5678',
    variantWritten: '+52 1 55 1234 5678',
  },
  // The form with the 9 after +54 is canonical.
  {
    country: 'Argentina',
    canonical: '+5491112345678',
    canonicalWritten: '+54 9 11 1234-5678',
    variantWritten: '+54 11 1234-5678',
  },
];

/** A Kenyan E.164 number as typed locally: `0712 345 678` (read in a `KE` workspace). */
function localKenyan(e164: string): string {
  return `0${e164.slice(4, 7)} ${e164.slice(7, 10)} ${e164.slice(10)}`;
}

/** The same number with spaces and dashes: `+254-712 345 678`. */
function spaced(e164: string): string {
  return `${e164.slice(0, 4)}-${e164.slice(4, 7)} ${e164.slice(7, 10)} ${e164.slice(10)}`;
}

/** Asserts a 409 `contact_exists` whose details are exactly `{ field, contactId }` entries. */
function expectConflict(res: Response): { field: string; contactId: string }[] {
  const details = expectError(res, 409, 'contact_exists');
  for (const detail of details) expect(Object.keys(detail).sort()).toEqual(['contactId', 'field']);
  return details as { field: string; contactId: string }[];
}

/** SPEC §10: additional phones and emails, one identity per phone/email per workspace, number variants, messaging resolution. */
describe('contact identities (additional phones and emails, variants, message resolution)', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  const http = () => request(app.getHttpServer());
  const send = async (body: Record<string, string>, key = ws.apiKey): Promise<SentMessage> =>
    (await http().post('/v1/messages').set('X-API-Key', key).send(body).expect(202))
      .body as SentMessage;
  const searchIds = async (search: string, key = ws.apiKey): Promise<string[]> => {
    const res = await listContacts(app, key, { search }).expect(200);
    return (res.body.items as ContactResponse[]).map((c) => c.id);
  };

  beforeAll(async () => {
    app = await startContactsApp();
  });
  // A fresh workspace for every test (Kenya as default country, so local numbers can be read).
  beforeEach(async () => {
    ws = await createWorkspace(app, { defaultCountry: 'KE' });
  });
  afterAll(() => app.close());

  describe('the fields', () => {
    it('are [] in every response when none were given', async () => {
      const contact = await createContact(app, ws.apiKey);
      expect(contact).toMatchObject({ additionalPhones: [], additionalEmails: [] });
      expect((await getContact(app, ws.apiKey, contact.id).expect(200)).body).toMatchObject({
        additionalPhones: [],
        additionalEmails: [],
      });
      const listed = await listContacts(app, ws.apiKey).expect(200);
      expect(listed.body.items).toEqual([contact]);
    });

    it('are normalised like the primary ones: phones to E.164 (local ones in the default country), emails trimmed and lower-cased', async () => {
      const [a, b, c] = [uniquePhone(), uniquePhone(), uniquePhone()];
      // Letters only: a digit stamp (Date.now()) holds "54" one run in ten, and the email would
      // then match the two-digit search below as text.
      const stamp = Array.from({ length: 10 }, () =>
        String.fromCharCode(97 + Math.floor(Math.random() * 26)),
      ).join('');
      const res = await postContact(app, ws.apiKey, {
        firstName: 'Wanjiru',
        phone: uniquePhone(),
        additionalPhones: [localKenyan(a), spaced(b), `(${c.slice(0, 4)}) ${c.slice(4)}`],
        additionalEmails: [`  Wanjiru.${stamp}@Work.Example `, `W.${stamp}@HOME.example`],
      }).expect(201);
      expect(res.body).toMatchObject({
        additionalPhones: [a, b, c],
        additionalEmails: [`wanjiru.${stamp}@work.example`, `w.${stamp}@home.example`],
      });
      expect((await getContact(app, ws.apiKey, res.body.id).expect(200)).body).toEqual(res.body);
    });

    it('PATCH sets and replaces them; null or [] clears them', async () => {
      const contact = await createContact(app, ws.apiKey);
      const [a, b] = [uniquePhone(), uniquePhone()];
      const email = uniqueEmail();
      const set = await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: [localKenyan(a)],
        additionalEmails: [email.toUpperCase()],
      }).expect(200);
      expect(set.body).toMatchObject({ additionalPhones: [a], additionalEmails: [email] });
      const replaced = await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: [b, a],
      }).expect(200);
      expect(replaced.body).toMatchObject({ additionalPhones: [b, a], additionalEmails: [email] });

      const cleared = await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: null,
        additionalEmails: [],
      }).expect(200);
      expect(cleared.body).toMatchObject({ additionalPhones: [], additionalEmails: [] });
      expect((await getContact(app, ws.apiKey, contact.id).expect(200)).body).toMatchObject({
        additionalPhones: [],
        additionalEmails: [],
      });
      // The cleared values are free again.
      await postContact(app, ws.apiKey, {
        firstName: 'Heir',
        phone: a,
        email,
        additionalPhones: [b],
      }).expect(201);
    });

    it('hold at most 10 items each; an unreadable phone or email is a 400 naming the field', async () => {
      const eleven = Array.from({ length: 11 }, () => uniquePhone());
      expect(
        fieldsOf(
          expectValidationError(
            await postContact(app, ws.apiKey, {
              firstName: 'Many',
              phone: uniquePhone(),
              additionalPhones: eleven,
            }),
          ),
        ),
      ).toEqual(['additionalPhones']);
      const elevenEmails = Array.from({ length: 11 }, () => uniqueEmail());
      expect(
        fieldsOf(
          expectValidationError(
            await postContact(app, ws.apiKey, {
              firstName: 'Many',
              phone: uniquePhone(),
              additionalEmails: elevenEmails,
            }),
          ),
        ),
      ).toEqual(['additionalEmails']);
      // Ten of each is fine.
      const ten = await postContact(app, ws.apiKey, {
        firstName: 'Ten',
        phone: uniquePhone(),
        additionalPhones: eleven.slice(1),
        additionalEmails: elevenEmails.slice(1),
      }).expect(201);
      expect([ten.body.additionalPhones.length, ten.body.additionalEmails.length]).toEqual([
        10, 10,
      ]);

      const bad = await postContact(app, ws.apiKey, {
        firstName: 'Bad',
        phone: uniquePhone(),
        additionalPhones: ['call me'],
        additionalEmails: ['not-an-email'],
      });
      expect(fieldsOf(expectValidationError(bad))).toEqual([
        'additionalEmails',
        'additionalPhones',
      ]);

      // A number without + in a workspace without a default country: the index is named.
      const noCountry = await createWorkspace(app);
      const local = await postContact(app, noCountry.apiKey, {
        firstName: 'Local',
        phone: uniquePhone(),
        additionalPhones: [uniquePhone(), '0712 345 678'],
      });
      expect(fieldsOf(expectValidationError(local))).toEqual(['additionalPhones.1']);
    });
  });

  describe('uniqueness within the workspace', () => {
    it('a phone held by another contact in any field is 409 naming the exact field of the request and the owner', async () => {
      const [a0, a1] = [uniquePhone(), uniquePhone()];
      const owner = await createContact(app, ws.apiKey, { additionalPhones: [a0, a1] });

      const asPrimary = await postContact(app, ws.apiKey, {
        firstName: 'Dup',
        phone: localKenyan(a1),
        email: uniqueEmail(),
      });
      expect(expectConflict(asPrimary)).toEqual([{ field: 'phone', contactId: owner.id }]);

      const asAdditional = await postContact(app, ws.apiKey, {
        firstName: 'Dup',
        phone: uniquePhone(),
        additionalPhones: [uniquePhone(), spaced(a0)],
      });
      expect(expectConflict(asAdditional)).toEqual([
        { field: 'additionalPhones.1', contactId: owner.id },
      ]);

      const ownersPrimary = await postContact(app, ws.apiKey, {
        firstName: 'Dup',
        phone: uniquePhone(),
        additionalPhones: [owner.phone],
      });
      expect(expectConflict(ownersPrimary)).toEqual([
        { field: 'additionalPhones.0', contactId: owner.id },
      ]);

      // Nothing of the refused creates was stored.
      expect((await listContacts(app, ws.apiKey).expect(200)).body.total).toBe(1);
    });

    it("an email held as another's additional email (any case) is 409 naming field and owner; every clash is named", async () => {
      const work = uniqueEmail();
      const owner = await createContact(app, ws.apiKey, { additionalEmails: [work] });
      const other = await createContact(app, ws.apiKey);

      const asPrimary = await postContact(app, ws.apiKey, {
        firstName: 'Dup',
        phone: uniquePhone(),
        email: ` ${work.toUpperCase()} `,
      });
      expect(expectConflict(asPrimary)).toEqual([{ field: 'email', contactId: owner.id }]);

      const both = await postContact(app, ws.apiKey, {
        firstName: 'Dup',
        phone: uniquePhone(),
        additionalEmails: [uniqueEmail(), other.email, work.toUpperCase()],
        additionalPhones: [other.phone],
      });
      const details = expectConflict(both);
      expect(details).toHaveLength(3);
      expect(details).toEqual(
        expect.arrayContaining([
          { field: 'additionalEmails.1', contactId: other.id },
          { field: 'additionalEmails.2', contactId: owner.id },
          { field: 'additionalPhones.0', contactId: other.id },
        ]),
      );
    });

    it("PATCH to another contact's number is 409 naming field and owner, changing nothing; its own numbers never clash", async () => {
      const taken = uniquePhone();
      const owner = await createContact(app, ws.apiKey, { additionalPhones: [taken] });
      const contact = await createContact(app, ws.apiKey, { additionalPhones: [uniquePhone()] });

      const res = await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: [contact.additionalPhones[0], localKenyan(taken)],
        company: 'Changed',
      });
      expect(expectConflict(res)).toEqual([{ field: 'additionalPhones.1', contactId: owner.id }]);
      expect((await getContact(app, ws.apiKey, contact.id).expect(200)).body).toEqual(contact);

      // Swapping the primary phone and an additional one in one PATCH is no clash with itself.
      const swapped = await patchContact(app, ws.apiKey, contact.id, {
        phone: contact.additionalPhones[0],
        additionalPhones: [contact.phone],
      }).expect(200);
      expect(swapped.body).toMatchObject({
        phone: contact.additionalPhones[0],
        additionalPhones: [contact.phone],
      });
    });

    it('a contact listing one phone or email twice is 400 validation_failed naming the later field', async () => {
      const phone = uniquePhone();
      const [x, y] = [uniquePhone(), uniquePhone()];
      const [email, other] = [uniqueEmail(), uniqueEmail()];
      const cases: [Record<string, unknown>, string][] = [
        [{ phone, additionalPhones: [localKenyan(phone)] }, 'additionalPhones.0'],
        [{ phone, additionalPhones: [x, y, spaced(x)] }, 'additionalPhones.2'],
        [
          { phone, email, additionalEmails: [uniqueEmail(), ` ${email.toUpperCase()}`] },
          'additionalEmails.1',
        ],
        [{ email, additionalEmails: [other, other.toUpperCase()] }, 'additionalEmails.1'],
      ];
      for (const [body, field] of cases) {
        const res = await postContact(app, ws.apiKey, { firstName: 'Twice', ...body });
        expect({ body, fields: fieldsOf(expectValidationError(res)) }).toEqual({
          body,
          fields: [field],
        });
      }
      expect((await listContacts(app, ws.apiKey).expect(200)).body.total).toBe(0);

      const contact = await createContact(app, ws.apiKey, { phone, email });
      const patched = await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: [x, spaced(phone)],
      });
      expect(fieldsOf(expectValidationError(patched))).toEqual(['additionalPhones.1']);
      const patchedEmail = await patchContact(app, ws.apiKey, contact.id, {
        additionalEmails: [email.toUpperCase()],
      });
      expect(fieldsOf(expectValidationError(patchedEmail))).toEqual(['additionalEmails.0']);
    });

    it('is enforced by the database: 10 simultaneous creates of one number in different fields give one 201, nine 409', async () => {
      const shared = uniquePhone();
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          postContact(
            app,
            ws.apiKey,
            i % 2 === 0
              ? { firstName: `Racer ${i}`, phone: shared, email: uniqueEmail() }
              : {
                  firstName: `Racer ${i}`,
                  phone: uniquePhone(),
                  additionalPhones: [uniquePhone(), spaced(shared)],
                },
          ),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
      const winner = responses.find((r) => r.status === 201)!.body.id as string;
      responses.forEach((res, i) => {
        if (res.status !== 409) return;
        expect(expectConflict(res)).toEqual([
          { field: i % 2 === 0 ? 'phone' : 'additionalPhones.1', contactId: winner },
        ]);
      });
      const rows = await app
        .get(DataSource)
        .query<{ contact_id: string }[]>(
          `SELECT contact_id FROM contact_identities WHERE workspace_id = $1 AND kind = 'phone' AND value = $2`,
          [ws.workspace.id, shared],
        );
      expect(rows).toEqual([{ contact_id: winner }]);
    });

    it('deleting a contact frees its additional values; restoring it once they are taken is 409 naming the field and the new owner', async () => {
      const [extraPhone, extraEmail] = [uniquePhone(), uniqueEmail()];
      const contact = await createContact(app, ws.apiKey, {
        additionalPhones: [uniquePhone(), extraPhone],
        additionalEmails: [extraEmail],
      });
      await http().delete(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey).expect(204);

      const taker = await createContact(app, ws.apiKey, {
        phone: extraPhone,
        email: null,
        additionalEmails: [extraEmail],
      });
      const details = expectConflict(
        await http().post(`/v1/contacts/${contact.id}/restore`).set('X-API-Key', ws.apiKey),
      );
      expect(details).toHaveLength(2);
      expect(details).toEqual(
        expect.arrayContaining([
          { field: 'additionalPhones.1', contactId: taker.id },
          { field: 'additionalEmails.0', contactId: taker.id },
        ]),
      );
    });

    it('another workspace may hold the same additional phones and emails, as additional or primary values', async () => {
      const [phone, email] = [uniquePhone(), uniqueEmail()];
      const mine = await createContact(app, ws.apiKey, {
        additionalPhones: [phone],
        additionalEmails: [email],
      });
      const other = await createWorkspace(app, { defaultCountry: 'KE' });
      const twin = await createContact(app, other.apiKey, {
        additionalPhones: [localKenyan(phone)],
        additionalEmails: [email],
      });
      expect(twin).toMatchObject({ additionalPhones: [phone], additionalEmails: [email] });
      const primary = await createContact(app, other.apiKey, {
        phone: mine.phone,
        email: mine.email,
        additionalPhones: [],
        additionalEmails: [],
      });
      expect(primary.id).not.toBe(mine.id);
      // ...and each workspace's search and messages see only its own contact.
      expect(await searchIds(phone)).toEqual([mine.id]);
      expect(await searchIds(phone, other.apiKey)).toEqual([twin.id]);
      expect((await send({ phone, text: 'hi' }, other.apiKey)).resolution).toEqual({
        contactId: twin.id,
        matchedBy: 'additional_phone',
      });
    });
  });

  describe('search', () => {
    it('finds a contact by any additional phone (3+ digits, trunk 0 dropped) and additional email (case-insensitive substring)', async () => {
      // Fixed numbers (the workspace is fresh): every one holds "54", only the additional one "654".
      const extra = '+254733987654';
      // Letters only: a digit stamp (Date.now()) holds "54" one run in ten, and the email would
      // then match the two-digit search below as text.
      const stamp = Array.from({ length: 10 }, () =>
        String.fromCharCode(97 + Math.floor(Math.random() * 26)),
      ).join('');
      const contact = await createContact(app, ws.apiKey, {
        firstName: 'Searchable',
        phone: '+254711000001',
        email: null,
        additionalPhones: ['+254722000002', extra],
        additionalEmails: [`searchable.${stamp}@acme-corp.example`],
      });
      const bystander = await createContact(app, ws.apiKey, {
        firstName: 'Bystander',
        phone: '+254744000003',
        email: null,
      });

      for (const query of [
        extra,
        spaced(extra),
        localKenyan(extra),
        '987654',
        '654',
        'ACME-CORP',
        `Searchable.${stamp}@Acme`,
      ]) {
        expect({ query, ids: await searchIds(query) }).toEqual({ query, ids: [contact.id] });
      }
      // Two digits are not a phone search (every number here holds "54").
      expect(await searchIds('54')).toEqual([]);
      expect(await searchIds('0744 000 003')).toEqual([bystander.id]);

      // Once removed, the additional values no longer find the contact.
      await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: [],
        additionalEmails: null,
      }).expect(200);
      expect(await searchIds(extra)).toEqual([]);
      expect(await searchIds('acme-corp')).toEqual([]);
    });
  });

  describe('messages', () => {
    it('resolve the contact by its phone ("phone") or an additional phone ("additional_phone"), or create one ("created")', async () => {
      const extra = uniquePhone();
      const contact = await createContact(app, ws.apiKey, {
        firstName: 'Akinyi',
        additionalPhones: [uniquePhone(), extra],
      });

      const byPhone = await send({ phone: localKenyan(contact.phone!), text: 'one' });
      expect(byPhone.resolution).toEqual({ contactId: contact.id, matchedBy: 'phone' });
      const byAdditional = await send({ to: spaced(extra), text: 'two' });
      expect(byAdditional.resolution).toEqual({
        contactId: contact.id,
        matchedBy: 'additional_phone',
      });
      expect([byPhone.contactId, byAdditional.contactId]).toEqual([contact.id, contact.id]);

      const unknown = uniquePhone();
      const created = await send({ phone: localKenyan(unknown), text: 'three' });
      expect(created.resolution.matchedBy).toBe('created');
      expect(created.resolution.contactId).not.toBe(contact.id);
      expect(created.contactId).toBe(created.resolution.contactId);
      expect(
        (await getContact(app, ws.apiKey, created.resolution.contactId).expect(200)).body,
      ).toMatchObject({
        phone: unknown,
        source: 'message',
      });
      expect((await send({ phone: unknown, text: 'four' })).resolution).toEqual({
        contactId: created.resolution.contactId,
        matchedBy: 'phone',
      });
      expect((await listContacts(app, ws.apiKey).expect(200)).body.total).toBe(2);

      // The conversation at the additional number, and its messages, belong to the contact.
      await drainWorkspace(app, ws.workspace.id);
      const conversation = await http()
        .get(`/v1/conversations/${byAdditional.conversationId}`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(conversation.body).toMatchObject({ address: extra, contactId: contact.id });
      const messages = await http()
        .get(`/v1/conversations/${byAdditional.conversationId}/messages`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(messages.body.items.map((m: { contactId: string }) => m.contactId)).toEqual([
        contact.id,
      ]);
      const threads = await http()
        .get(`/v1/conversations?contactId=${contact.id}`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(threads.body.items.map((c: { id: string }) => c.id).sort()).toEqual(
        [byPhone.conversationId, byAdditional.conversationId].sort(),
      );
    });

    it('a number added as an additional phone takes over the unlinked conversation and messages at it', async () => {
      const number = uniquePhone();
      const dataSource = app.get(DataSource);
      // A thread at the number with no contact (as left by an import, or a contact's change of number).
      const conversation = await dataSource.getRepository(ConversationEntity).save({
        id: newId(),
        workspaceId: ws.workspace.id,
        channel: 'whatsapp',
        address: number,
        status: 'open',
        contactId: null,
        contactSummary: null,
        lastMessageAt: null,
        createdAt: new Date(),
      });
      await dataSource.getRepository(MessageEntity).save({
        id: newId(),
        workspaceId: ws.workspace.id,
        conversationId: conversation.id,
        contactId: null,
        direction: 'inbound',
        text: 'who is this?',
        status: 'delivered',
        createdAt: new Date(),
      });
      const contact = await createContact(app, ws.apiKey);
      await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: [localKenyan(number)],
      }).expect(200);
      await drainWorkspace(app, ws.workspace.id);

      const linked = await http()
        .get(`/v1/conversations/${conversation.id}`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(linked.body).toMatchObject({ contactId: contact.id, contact: { id: contact.id } });
      const messages = await dataSource
        .getRepository(MessageEntity)
        .findBy({ conversationId: conversation.id });
      expect(messages.map((m) => m.contactId)).toEqual([contact.id]);
      const reply = await send({ phone: number, text: 'it is me' });
      expect(reply).toMatchObject({
        conversationId: conversation.id,
        contactId: contact.id,
        resolution: { contactId: contact.id, matchedBy: 'additional_phone' },
      });
    });
  });

  describe.each(VARIANTS)(
    'number variants: $country',
    ({ canonical, canonicalWritten, variantWritten }) => {
      it('both forms are one phone: stored in the canonical form; the other form is a 409 naming the owner; one contact cannot hold both', async () => {
        const owner = await createContact(app, ws.apiKey, { phone: variantWritten, email: null });
        expect(owner.phone).toBe(canonical);

        const sameForm = await postContact(app, ws.apiKey, {
          firstName: 'Dup',
          phone: canonicalWritten,
        });
        expect(expectConflict(sameForm)).toEqual([{ field: 'phone', contactId: owner.id }]);
        const asAdditional = await postContact(app, ws.apiKey, {
          firstName: 'Dup',
          phone: uniquePhone(),
          additionalPhones: [uniquePhone(), variantWritten],
        });
        expect(expectConflict(asAdditional)).toEqual([
          { field: 'additionalPhones.1', contactId: owner.id },
        ]);

        // The owner itself cannot list the other form as an additional phone.
        const twice = await patchContact(app, ws.apiKey, owner.id, {
          additionalPhones: [canonicalWritten],
        });
        expect(fieldsOf(expectValidationError(twice))).toEqual(['additionalPhones.0']);
        const other = await createWorkspace(app);
        const both = await postContact(app, other.apiKey, {
          firstName: 'Both',
          phone: uniquePhone(),
          additionalPhones: [canonicalWritten, variantWritten],
        });
        expect(fieldsOf(expectValidationError(both))).toEqual(['additionalPhones.1']);
        // Another workspace may hold the number.
        const theirs = await postContact(app, other.apiKey, {
          firstName: 'Theirs',
          phone: canonicalWritten,
        }).expect(201);
        expect(theirs.body.phone).toBe(canonical);
      });

      it('a search or a message by either form finds the contact holding it as an additional phone', async () => {
        const contact = await createContact(app, ws.apiKey, { additionalPhones: [variantWritten] });
        expect(contact.additionalPhones).toEqual([canonical]);
        expect(await searchIds(variantWritten)).toEqual([contact.id]);
        expect(await searchIds(canonicalWritten)).toEqual([contact.id]);

        const byVariant = await send({ phone: variantWritten, text: 'other form' });
        expect(byVariant.resolution).toEqual({ contactId: contact.id, matchedBy: 'variant' });
        const byCanonical = await send({ to: canonicalWritten, text: 'stored form' });
        expect(byCanonical.resolution).toEqual({
          contactId: contact.id,
          matchedBy: 'additional_phone',
        });
        expect(byCanonical.conversationId).toBe(byVariant.conversationId);
        const conversation = await http()
          .get(`/v1/conversations/${byVariant.conversationId}`)
          .set('X-API-Key', ws.apiKey)
          .expect(200);
        expect(conversation.body).toMatchObject({ address: canonical, contactId: contact.id });
        expect((await listContacts(app, ws.apiKey).expect(200)).body.total).toBe(1);
      });

      it('a first message in the other form creates one contact in the canonical form, which later messages in either form reach', async () => {
        const created = await send({ phone: variantWritten, text: 'first' });
        expect(created.resolution.matchedBy).toBe('created');
        const contact = (await getContact(app, ws.apiKey, created.resolution.contactId).expect(200))
          .body as ContactResponse;
        expect(contact).toMatchObject({ phone: canonical, source: 'message' });
        expect((await send({ phone: canonicalWritten, text: 'second' })).resolution).toEqual({
          contactId: contact.id,
          matchedBy: 'phone',
        });
        expect((await send({ phone: variantWritten, text: 'third' })).resolution).toEqual({
          contactId: contact.id,
          matchedBy: 'variant',
        });
        expect((await listContacts(app, ws.apiKey).expect(200)).body.total).toBe(1);
      });
    },
  );

  describe('events and history', () => {
    it('a PATCH of additionalPhones records contact.updated with changes.additionalPhones {from, to}, and the history shows it', async () => {
      const [a, b] = [uniquePhone(), uniquePhone()];
      const contact = await createContact(app, ws.apiKey, { additionalPhones: [a] });
      await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: [a, localKenyan(b)],
      }).expect(200);
      // The same numbers written differently change nothing: no event, no history entry.
      const same = await patchContact(app, ws.apiKey, contact.id, {
        additionalPhones: [spaced(a), b],
      }).expect(200);

      const events = await app.get(DataSource).query<
        {
          event_name: string;
          payload: { changes?: Record<string, unknown>; contact: ContactResponse };
        }[]
      >(`SELECT event_name, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY sequence`, [contact.id]);
      expect(events.map((e) => e.event_name)).toEqual(['contact.created', 'contact.updated']);
      expect(events[0].payload.contact.additionalPhones).toEqual([a]);
      expect(events[1].payload.changes).toEqual({ additionalPhones: { from: [a], to: [a, b] } });
      expect(events[1].payload.contact).toEqual(same.body);

      const history = await http()
        .get(`/v1/contacts/${contact.id}/history`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      const items = history.body.items as HistoryEntry[];
      expect(items.map((e) => e.type)).toEqual(['updated', 'created']);
      expect(items[0].changes).toEqual([{ field: 'additionalPhones', old: [a], new: [a, b] }]);
      expect(items[1].changes).toContainEqual({ field: 'additionalPhones', old: null, new: [a] });
    });
  });
});
