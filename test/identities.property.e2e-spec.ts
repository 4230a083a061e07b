import { isDeepStrictEqual } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startContactsApp } from './contacts/support';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { errorShapeProblems, type HttpResult } from './utils/expect-error';
import { propertySettings } from './utils/property';

/**
 * Model-based property test of SPEC §10 (identities): random sequences of creates, updates,
 * merges, messages and deletes against one fresh workspace per run, drawn from small pools of
 * phones and emails so that they collide often. Each answer is checked against a model of the
 * workspace (status, code, conflicts, the merged contact, the message's resolution), and after
 * every command the database is checked, with and without the model: every phone and email on
 * at most one live contact, `contact_identities` equal to the live contacts' values, every
 * message linked to the contact it went to (followed through merges), never to a merged one.
 *
 * Replayable like test/property.e2e-spec.ts (PROPERTY_SEED, PROPERTY_PATH, PROPERTY_RUNS; see
 * utils/property.ts). The seed is printed when the file loads; a failure names it again
 * (fast-check's report, and `replay:` in the error).
 */

const property = propertySettings();
const NUM_RUNS = 100;
/** Each run: 1 to 3 creates (so that there are contacts to work on), then up to 20 commands. */
const MAX_COMMANDS = 20;

/**
 * Phones as a client may write them, and the number each one is (its canonical E.164, what is
 * stored; see src/contacts/utils/phone-variants.ts). `variant`: written in a variant form (a
 * Brazilian mobile without its ninth digit), which messaging reports as `matchedBy: "variant"`.
 * A Kenyan number written nationally (the workspace's default country is KE) is not a variant.
 */
const BR1 = '+5511912345678';
const BR2 = '+5521987654321';
const KE = (n: number): string => `+25471200000${n}`;
// A counterexample shrinks toward the first forms: both countries, and a variant form, among them.
const PHONE_FORMS: Record<string, { canonical: string; variant: boolean }> = {
  '+5511912345678': { canonical: BR1, variant: false },
  '+254712000001': { canonical: KE(1), variant: false },
  '+551112345678': { canonical: BR1, variant: true },
  '0712 000 002': { canonical: KE(2), variant: false },
  '+254712000002': { canonical: KE(2), variant: false },
  '+5521987654321': { canonical: BR2, variant: false },
  '+552187654321': { canonical: BR2, variant: true },
  '+254712000003': { canonical: KE(3), variant: false },
  '0712 000 001': { canonical: KE(1), variant: false },
  '+254712000004': { canonical: KE(4), variant: false },
  '+254712000005': { canonical: KE(5), variant: false },
  '0712 000 006': { canonical: KE(6), variant: false },
};
const CANONICAL_PHONES = new Set(Object.values(PHONE_FORMS).map((f) => f.canonical));

/** Emails as a client may write them; stored trimmed and lower-cased. */
const EMAIL_FORMS = [
  'ann@example.com',
  'ANN@Example.com',
  'bob@example.com',
  ' Bob@example.com',
  'cy@example.com',
  'dee@example.com',
];

const canonicalPhone = (text: string): string => PHONE_FORMS[text].canonical;
const canonicalEmail = (text: string): string => text.trim().toLowerCase();

/** An id that never exists (the right format). */
const NEVER_ID = 'ffffffffffffffffffffffff';
/**
 * A reference to a contact of the run: below ANY_REF, a live one (by index, modulo); from ANY_REF,
 * any one the run made (deleted and merged ones too); MAX_REF: NEVER_ID.
 */
const ANY_REF = 14;
const MAX_REF = 19;

interface Identities {
  phone: string | null;
  email: string | null;
  additionalPhones: string[];
  additionalEmails: string[];
}

interface ModelContact extends Identities {
  id: string;
  /** Creation order within the run (newer is higher): a merge fills from the newest source first. */
  seq: number;
  firstName: string;
  state: 'live' | 'deleted' | 'merged';
  mergedInto: string | null;
}

interface Patch {
  firstName?: string;
  phone?: string | null;
  email?: string | null;
  additionalPhones?: string[] | null;
  additionalEmails?: string[] | null;
}

type Command =
  | {
      kind: 'create';
      firstName: string;
      phone: string | null;
      email: string | null;
      additionalPhones: string[];
      additionalEmails: string[];
    }
  | { kind: 'update'; ref: number; patch: Patch }
  | { kind: 'merge'; ref: number; sourceRefs: number[]; dryRun: boolean }
  | { kind: 'message'; phone: string; text: string }
  | { kind: 'delete'; ref: number };

const phoneText = fc.constantFrom(...Object.keys(PHONE_FORMS));
const emailText = fc.constantFrom(...EMAIL_FORMS);
const firstName = fc.constantFrom('Wanjiku', 'Amina', 'João', 'Jane');
const ref = fc.nat({ max: MAX_REF });
/** Mostly none; otherwise 1 to 3, which may repeat a number (a 400). */
const additional = (text: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant<string[]>([]) },
    { weight: 2, arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }) },
  );

const create = fc.record({
  kind: fc.constant('create' as const),
  firstName,
  phone: fc.option(phoneText, { nil: null, freq: 4 }),
  email: fc.option(emailText, { nil: null }),
  additionalPhones: additional(phoneText),
  additionalEmails: additional(emailText),
});

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: create },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      ref,
      patch: fc.record(
        {
          firstName,
          phone: fc.option(phoneText, { nil: null }),
          email: fc.option(emailText, { nil: null }),
          additionalPhones: fc.option(fc.array(phoneText, { maxLength: 3 }), {
            nil: null,
            freq: 4,
          }),
          additionalEmails: fc.option(fc.array(emailText, { maxLength: 3 }), {
            nil: null,
            freq: 4,
          }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      ref,
      sourceRefs: fc.uniqueArray(ref, { minLength: 1, maxLength: 3 }),
      dryRun: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('message' as const),
      phone: phoneText,
      text: fc.constantFrom('Hello', 'Habari', 'Olá'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), ref }) },
);

/** Each phone and email of a contact with the field it sits in (`phone`, `additionalPhones.1`). */
function fieldsOf(v: Identities): { kind: 'phone' | 'email'; value: string; field: string }[] {
  return [
    ...(v.phone === null ? [] : [{ kind: 'phone' as const, value: v.phone, field: 'phone' }]),
    ...(v.email === null ? [] : [{ kind: 'email' as const, value: v.email, field: 'email' }]),
    ...v.additionalPhones.map((value, i) => ({
      kind: 'phone' as const,
      value,
      field: `additionalPhones.${i}`,
    })),
    ...v.additionalEmails.map((value, i) => ({
      kind: 'email' as const,
      value,
      field: `additionalEmails.${i}`,
    })),
  ];
}

const identitiesOf = (c: Identities): Identities => ({
  phone: c.phone,
  email: c.email,
  additionalPhones: c.additionalPhones,
  additionalEmails: c.additionalEmails,
});

/** Why these values cannot be a contact's (400 `validation_failed`), or undefined. */
function invalidity(v: Identities): string | undefined {
  if (v.phone === null && v.email === null) return 'neither phone nor email';
  const phones = [v.phone, ...v.additionalPhones].filter((p) => p !== null);
  const emails = [v.email, ...v.additionalEmails].filter((e) => e !== null);
  if (new Set(phones).size < phones.length) return 'a phone twice';
  if (new Set(emails).size < emails.length) return 'an email twice';
  return undefined;
}

const byField = (a: { field?: unknown }, b: { field?: unknown }): number =>
  String(a.field).localeCompare(String(b.field));

/** What the workspace should hold: every contact the run made, and where each message went. */
class Model {
  readonly contacts: ModelContact[] = [];
  /** Message id → the contact it went to when it was sent (it then follows merges). */
  readonly messages = new Map<string, string>();

  byId(id: string): ModelContact | undefined {
    return this.contacts.find((c) => c.id === id);
  }

  /** The contact a reference names (see ANY_REF); `except`: not this one, when a live one is wanted. */
  pick(r: number, except?: string): string {
    const live = this.contacts.filter((c) => c.state === 'live' && c.id !== except);
    const from = r < ANY_REF && live.length > 0 ? live : this.contacts;
    return r === MAX_REF || from.length === 0 ? NEVER_ID : from[r % from.length].id;
  }

  /** `c3` for the run's fourth contact, for traces. */
  name(id: string): string {
    const c = this.byId(id);
    return c ? `c${c.seq}` : id === NEVER_ID ? 'never' : id;
  }

  add(c: Omit<ModelContact, 'seq' | 'state' | 'mergedInto'>): void {
    this.contacts.push({ ...c, seq: this.contacts.length, state: 'live', mergedInto: null });
  }

  /** The live contact that holds this value, and the field it sits in. */
  holder(
    kind: 'phone' | 'email',
    value: string,
  ): { contact: ModelContact; field: string } | undefined {
    for (const contact of this.contacts.filter((c) => c.state === 'live')) {
      const found = fieldsOf(contact).find((f) => f.kind === kind && f.value === value);
      if (found) return { contact, field: found.field };
    }
    return undefined;
  }

  /** Each field of `values` whose value another live contact holds: a 409's details. */
  conflicts(values: Identities, excludeId?: string): { field: string; contactId: string }[] {
    return fieldsOf(values)
      .map(({ kind, value, field }) => ({ field, owner: this.holder(kind, value)?.contact.id }))
      .filter(
        (c): c is { field: string; owner: string } =>
          c.owner !== undefined && c.owner !== excludeId,
      )
      .map(({ field, owner }) => ({ field, contactId: owner }));
  }

  /** Where a merged contact went: the end of its chain of merges. */
  chainEnd(id: string): string {
    let c = this.byId(id);
    while (c?.mergedInto) c = this.byId(c.mergedInto);
    return c?.id ?? id;
  }

  /** The contact a message is on now: the one it went to, followed through merges. */
  messageContact(messageId: string): string | undefined {
    const to = this.messages.get(messageId);
    return to === undefined ? undefined : this.chainEnd(to);
  }
}

/**
 * The target after merging `sources` into it (SPEC §10, src/contacts/contact-merge.ts): an empty
 * phone or email filled from the newest source's first one, the sources' other values appended to
 * the additional ones; undefined when that gives more than 10 additional values (400).
 */
function mergedIdentities(target: ModelContact, sources: ModelContact[]): Identities | undefined {
  const newestFirst = [...sources].sort((a, b) => b.seq - a.seq);
  const out = identitiesOf(target);
  for (const [primary, additional] of [
    ['phone', 'additionalPhones'],
    ['email', 'additionalEmails'],
  ] as const) {
    const theirs = newestFirst
      .flatMap((s) => [s[primary], ...s[additional]])
      .filter((v) => v !== null);
    const filled = target[primary] ?? theirs[0] ?? null;
    const own = new Set([filled, ...target[additional]]);
    const added = [...new Set(theirs.filter((v) => !own.has(v)))];
    if (target[additional].length + added.length > 10) return undefined;
    out[primary] = filled;
    out[additional] = [...target[additional], ...added];
  }
  return out;
}

function asResult(res: request.Response): HttpResult {
  return { status: res.status, headers: res.headers, body: res.body as unknown };
}

interface ContactRow {
  id: string;
  first_name: string;
  phone: string | null;
  email: string | null;
  additional_phones: string[];
  additional_emails: string[];
  deleted: boolean;
  merged_into: string | null;
}

const SELECT_CONTACTS = `SELECT id, first_name, phone, email, additional_phones, additional_emails,
    deleted_at IS NOT NULL AS deleted, merged_into FROM contacts WHERE workspace_id = $1 ORDER BY id`;

/** A value on two live contacts (or twice on one): phones, emails, primary or additional. */
const DUPLICATED_VALUES = `SELECT kind, value, array_agg(id ORDER BY id) AS ids FROM (
    SELECT id, 'phone' AS kind, phone AS value FROM contacts
     WHERE workspace_id = $1 AND deleted_at IS NULL AND phone IS NOT NULL
    UNION ALL SELECT id, 'email', email FROM contacts
     WHERE workspace_id = $1 AND deleted_at IS NULL AND email IS NOT NULL
    UNION ALL SELECT id, 'phone', unnest(additional_phones) FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL
    UNION ALL SELECT id, 'email', unnest(additional_emails) FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL
  ) v GROUP BY kind, value HAVING count(*) > 1`;

const SELECT_MESSAGES = `SELECT m.id, m.contact_id, c.merged_into
    FROM messages m LEFT JOIN contacts c ON c.workspace_id = m.workspace_id AND c.id = m.contact_id
   WHERE m.workspace_id = $1 ORDER BY m.id`;

interface MessageRow {
  id: string;
  contact_id: string | null;
  merged_into: string | null;
}

/**
 * What is wrong in the workspace's tables, whatever happened before (no model): a phone or email
 * on two live contacts (or on two as two forms of one number), a phone not stored canonical,
 * `contact_identities` not exactly the live contacts' values, a message without a contact or on a
 * merged one.
 */
async function databaseProblems(
  db: DataSource,
  workspaceId: string,
): Promise<{ problems: string[]; contacts: ContactRow[]; messages: MessageRow[] }> {
  const problems: string[] = [];
  const contacts = await db.query<ContactRow[]>(SELECT_CONTACTS, [workspaceId]);
  const duplicated = await db.query<{ kind: string; value: string; ids: string[] }[]>(
    DUPLICATED_VALUES,
    [workspaceId],
  );
  for (const d of duplicated) problems.push(`${d.kind} ${d.value} is on ${d.ids.join(', ')}`);

  const live = contacts.filter((c) => !c.deleted);
  const asIdentities = (c: ContactRow): Identities => ({
    phone: c.phone,
    email: c.email,
    additionalPhones: c.additional_phones,
    additionalEmails: c.additional_emails,
  });
  // Two forms of one number on two live contacts (the same check on canonical values, as stored).
  const numberHolders = new Map<string, Set<string>>();
  for (const c of live) {
    for (const f of fieldsOf(asIdentities(c)).filter((x) => x.kind === 'phone')) {
      const number = PHONE_FORMS[f.value]?.canonical ?? f.value;
      numberHolders.set(number, new Set([...(numberHolders.get(number) ?? []), c.id]));
    }
  }
  for (const [number, ids] of numberHolders) {
    if (ids.size > 1) problems.push(`forms of ${number} are on ${[...ids].join(', ')}`);
  }
  for (const c of contacts) {
    for (const p of [c.phone, ...c.additional_phones]) {
      if (p !== null && !CANONICAL_PHONES.has(p)) {
        problems.push(`${c.id} stores ${p}, not a canonical form`);
      }
    }
  }

  const identities = await db.query<
    { kind: string; value: string; contact_id: string; field: string }[]
  >(`SELECT kind, value, contact_id, field FROM contact_identities WHERE workspace_id = $1`, [
    workspaceId,
  ]);
  const actual = identities.map((i) => `${i.kind} ${i.value} ${i.contact_id} ${i.field}`).sort();
  const expected = live
    .flatMap((c) => fieldsOf(asIdentities(c)).map((f) => `${f.kind} ${f.value} ${c.id} ${f.field}`))
    .sort();
  if (!isDeepStrictEqual(actual, expected)) {
    problems.push(
      `contact_identities differ from the live contacts: missing ${JSON.stringify(expected.filter((e) => !actual.includes(e)))}, ` +
        `extra ${JSON.stringify(actual.filter((a) => !expected.includes(a)))}`,
    );
  }

  const messages = await db.query<MessageRow[]>(SELECT_MESSAGES, [workspaceId]);
  for (const m of messages) {
    if (m.contact_id === null) problems.push(`message ${m.id} has no contact`);
    else if (m.merged_into !== null) {
      problems.push(`message ${m.id} is on ${m.contact_id}, merged into ${m.merged_into}`);
    }
  }
  return { problems, contacts, messages };
}

describe('property: identities stay unique through creates, updates, merges and messages', () => {
  // SPEC §10: any sequence of creates, updates, merges and messages keeps every phone and email
  // on at most one live contact, and every message linked.
  let app: NestFastifyApplication;
  let db: DataSource;

  beforeAll(async () => {
    app = await startContactsApp();
    db = app.get(DataSource);
  });
  afterAll(() => app?.close());

  const call = (
    ws: TestWorkspace,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
  ) => {
    const req = request(app.getHttpServer())[method](path).set('X-API-Key', ws.apiKey);
    return body === undefined ? req : req.send(body);
  };

  /** One property run: a fresh workspace, its model, and the trace of what was sent. */
  class Run {
    readonly model = new Model();
    readonly trace: string[] = [];

    constructor(readonly ws: TestWorkspace) {}

    fail(message: string): never {
      throw new Error(
        `${message}\n  commands so far:\n    ${this.trace.join('\n    ')}\n  replay: ${property.replay}`,
      );
    }

    same(actual: unknown, expected: unknown, what: string): void {
      if (!isDeepStrictEqual(actual, expected)) {
        this.fail(
          `${what}:\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(actual)}`,
        );
      }
    }

    /** The answer has this status (and code); never a 5xx; every 4xx in the one error shape. */
    answered(res: request.Response, what: string, status: number, code?: string): void {
      const body = res.body as { code?: unknown } | undefined;
      if (res.status !== status || (code !== undefined && body?.code !== code)) {
        this.fail(
          `${what}: expected ${status}${code ? ` ${code}` : ''}, got ${res.status} ${res.text.slice(0, 600)}`,
        );
      }
      if (res.status >= 400) {
        const problems = errorShapeProblems(asResult(res));
        if (problems.length > 0) {
          this.fail(`${what}: ${res.status} not in the error shape: ${problems.join('; ')}`);
        }
      }
    }

    /** 410 `contact_merged` pointing at one of `into` (details and `Link`). */
    gone(res: request.Response, what: string, into: string[], field?: string): void {
      this.answered(res, what, 410, 'contact_merged');
      const details =
        (res.body as { details?: { mergedInto?: string; field?: string }[] }).details ?? [];
      const mergedInto = details[0]?.mergedInto ?? '';
      if (details.length !== 1 || !into.includes(mergedInto) || details[0].field !== field) {
        this.fail(
          `${what}: 410 details ${JSON.stringify(details)}, expected mergedInto ${into.join(' or ')}${field ? ` (${field})` : ''}`,
        );
      }
      this.same(
        res.headers.link,
        `</v1/contacts/${mergedInto}>; rel="canonical"`,
        `${what}: the Link header`,
      );
    }

    /** The contact as the API shows it has these identities. */
    shows(body: unknown, expected: Identities, what: string): void {
      this.same(identitiesOf(body as Identities), expected, what);
    }

    async execute(cmd: Command, step: number): Promise<void> {
      const m = this.model;
      const at = `#${step} ${cmd.kind}`;
      switch (cmd.kind) {
        case 'create': {
          const body = {
            firstName: cmd.firstName,
            ...(cmd.phone === null ? {} : { phone: cmd.phone }),
            ...(cmd.email === null ? {} : { email: cmd.email }),
            ...(cmd.additionalPhones.length > 0 ? { additionalPhones: cmd.additionalPhones } : {}),
            ...(cmd.additionalEmails.length > 0 ? { additionalEmails: cmd.additionalEmails } : {}),
          };
          const values: Identities = {
            phone: cmd.phone === null ? null : canonicalPhone(cmd.phone),
            email: cmd.email === null ? null : canonicalEmail(cmd.email),
            additionalPhones: cmd.additionalPhones.map(canonicalPhone),
            additionalEmails: cmd.additionalEmails.map(canonicalEmail),
          };
          const res = await call(this.ws, 'post', '/v1/contacts', body);
          this.trace.push(
            `${at} ${JSON.stringify(body)} -> ${res.status}${res.status === 201 ? ` c${m.contacts.length}` : ''}`,
          );
          const conflicts = m.conflicts(values);
          if (invalidity(values)) {
            this.answered(res, `${at} (${invalidity(values)})`, 400, 'validation_failed');
          } else if (conflicts.length > 0) {
            this.answered(res, at, 409, 'contact_exists');
            this.same(
              [...((res.body as { details?: object[] }).details ?? [])].sort(byField),
              conflicts.sort(byField),
              `${at}: the conflicts`,
            );
          } else {
            this.answered(res, at, 201);
            this.shows(res.body, values, `${at}: the created contact`);
            m.add({ id: (res.body as { id: string }).id, firstName: cmd.firstName, ...values });
          }
          return;
        }
        case 'update': {
          const id = m.pick(cmd.ref);
          const res = await call(this.ws, 'patch', `/v1/contacts/${id}`, cmd.patch);
          this.trace.push(`${at} ${m.name(id)} ${JSON.stringify(cmd.patch)} -> ${res.status}`);
          const current = m.byId(id);
          const sent = Object.keys(cmd.patch) as (keyof Patch)[];
          if (sent.length === 0) return this.answered(res, at, 400, 'empty_update');
          if (!current || current.state === 'deleted') {
            return this.answered(res, at, 404, 'contact_not_found');
          }
          if (current.state === 'merged') return this.gone(res, at, [m.chainEnd(id)]);
          const p = cmd.patch;
          const patch: Partial<ModelContact> = {
            ...(p.firstName === undefined ? {} : { firstName: p.firstName }),
            ...(p.phone === undefined
              ? {}
              : { phone: p.phone === null ? null : canonicalPhone(p.phone) }),
            ...(p.email === undefined
              ? {}
              : { email: p.email === null ? null : canonicalEmail(p.email) }),
            ...(p.additionalPhones === undefined
              ? {}
              : { additionalPhones: (p.additionalPhones ?? []).map(canonicalPhone) }),
            ...(p.additionalEmails === undefined
              ? {}
              : { additionalEmails: (p.additionalEmails ?? []).map(canonicalEmail) }),
          };
          const next: ModelContact = { ...current, ...patch };
          if (sent.every((f) => isDeepStrictEqual(current[f], next[f]))) {
            this.answered(res, `${at} (nothing changes)`, 200);
            return this.shows(res.body, identitiesOf(current), `${at}: the unchanged contact`);
          }
          if (invalidity(next)) {
            return this.answered(res, `${at} (${invalidity(next)})`, 400, 'validation_failed');
          }
          const conflicts = m.conflicts(
            { phone: null, email: null, additionalPhones: [], additionalEmails: [], ...patch },
            id,
          );
          if (conflicts.length > 0) {
            this.answered(res, at, 409, 'contact_exists');
            return this.same(
              [...((res.body as { details?: object[] }).details ?? [])].sort(byField),
              conflicts.sort(byField),
              `${at}: the conflicts`,
            );
          }
          this.answered(res, at, 200);
          this.shows(res.body, identitiesOf(next), `${at}: the updated contact`);
          Object.assign(current, patch);
          return;
        }
        case 'merge': {
          const targetId = m.pick(cmd.ref);
          // Mostly live contacts other than the target (each once); sometimes any contact of the
          // run (the target itself, a source twice, a merged or deleted one).
          const sourceIds = cmd.sourceRefs
            .map((r) => ({ id: m.pick(r, targetId), live: r < ANY_REF }))
            .filter((s, i, all) => !s.live || all.findIndex((o) => o.id === s.id) === i)
            .map((s) => s.id);
          const res = await call(this.ws, 'post', `/v1/contacts/${targetId}/merge`, {
            sourceIds,
            dryRun: cmd.dryRun,
          });
          this.trace.push(
            `${at} ${m.name(targetId)} <- [${sourceIds.map((s) => m.name(s)).join(', ')}]${cmd.dryRun ? ' (dry run)' : ''} -> ${res.status}`,
          );
          if (sourceIds.some((s, i) => s === targetId || sourceIds.indexOf(s) !== i)) {
            return this.answered(
              res,
              `${at} (the target among the sources, or a source twice)`,
              400,
              'validation_failed',
            );
          }
          const target = m.byId(targetId);
          if (!target) {
            return this.answered(res, `${at} (no such target)`, 404, 'contact_not_found');
          }
          // A merge's 410, like a read's, names the end of the chain of merges.
          if (target.state === 'merged') {
            return this.gone(res, `${at} (target merged)`, [m.chainEnd(targetId)]);
          }
          if (target.state === 'deleted') {
            return this.answered(res, `${at} (target deleted)`, 404, 'contact_not_found');
          }
          const sources: ModelContact[] = [];
          for (const [i, sourceId] of sourceIds.entries()) {
            const source = m.byId(sourceId);
            if (!source || source.state === 'deleted') {
              this.answered(res, `${at} (source ${i} missing)`, 404, 'contact_not_found');
              const details = (res.body as { details?: unknown }).details;
              return this.same(
                details,
                [{ field: `sourceIds.${i}`, contactId: sourceId }],
                `${at}: the 404's details`,
              );
            }
            if (source.state === 'merged') {
              return this.gone(
                res,
                `${at} (source ${i} merged)`,
                [m.chainEnd(sourceId)],
                `sourceIds.${i}`,
              );
            }
            sources.push(source);
          }
          const merged = mergedIdentities(target, sources);
          if (!merged) {
            return this.answered(
              res,
              `${at} (more than 10 additional values)`,
              400,
              'validation_failed',
            );
          }
          this.answered(res, at, 200);
          const report = res.body as {
            dryRun: unknown;
            contact: Identities & { id: string };
            sourceIds: unknown;
            moved: { messages: number };
          };
          this.same(report.dryRun, cmd.dryRun, `${at}: report.dryRun`);
          this.same(report.sourceIds, sourceIds, `${at}: report.sourceIds`);
          this.same(report.contact.id, targetId, `${at}: report.contact.id`);
          this.shows(report.contact, merged, `${at}: the merged contact in the report`);
          const messagesOfSources = [...m.messages.keys()].filter((id) =>
            sourceIds.includes(m.messageContact(id) ?? ''),
          );
          this.same(
            report.moved.messages,
            messagesOfSources.length,
            `${at}: report.moved.messages`,
          );
          // Every phone and email a source held is the target's now (or would be).
          const held = new Set(fieldsOf(merged).map((f) => `${f.kind} ${f.value}`));
          const lost = sources.flatMap((s) =>
            fieldsOf(s).filter((f) => !held.has(`${f.kind} ${f.value}`)),
          );
          this.same(lost, [], `${at}: values of the sources the target does not hold`);
          if (!cmd.dryRun) {
            Object.assign(target, merged);
            for (const s of sources) Object.assign(s, { state: 'merged', mergedInto: targetId });
          }
          // A dry run changed nothing: the target as it was, the sources still there.
          const after = await call(this.ws, 'get', `/v1/contacts/${targetId}`);
          this.answered(after, `${at}: GET the target`, 200);
          this.shows(
            after.body,
            identitiesOf(target),
            `${at}: GET the target${cmd.dryRun ? ' after a dry run' : ''}`,
          );
          for (const s of sources) {
            const got = await call(this.ws, 'get', `/v1/contacts/${s.id}`);
            if (cmd.dryRun) {
              this.answered(got, `${at}: GET source ${m.name(s.id)} after a dry run`, 200);
            } else this.gone(got, `${at}: GET merged source ${m.name(s.id)}`, [targetId]);
          }
          return;
        }
        case 'message': {
          const form = PHONE_FORMS[cmd.phone];
          const holder = m.holder('phone', form.canonical);
          const res = await call(this.ws, 'post', '/v1/messages', {
            phone: cmd.phone,
            text: cmd.text,
          });
          const created = holder ? '' : ` (new c${m.contacts.length})`;
          this.trace.push(
            `${at} ${JSON.stringify(cmd.phone)} -> ${res.status}${res.status === 202 ? created : ''}`,
          );
          this.answered(res, at, 202);
          const sent = res.body as {
            id: string;
            contactId: unknown;
            resolution?: { contactId?: unknown };
          };
          // The live contact that holds the number, whatever form it is written in; else a new one.
          const to = holder?.contact.id ?? String(sent.resolution?.contactId);
          const matchedBy = !holder
            ? 'created'
            : form.variant
              ? 'variant'
              : holder.field === 'phone'
                ? 'phone'
                : 'additional_phone';
          if (!holder && m.byId(to)) {
            this.fail(
              `${at}: no live contact holds ${form.canonical}, yet it went to ${m.name(to)}`,
            );
          }
          this.same(
            { contactId: sent.contactId, resolution: sent.resolution },
            { contactId: to, resolution: { contactId: to, matchedBy } },
            `${at}: the message's contact (${holder ? `held by ${m.name(to)}` : 'nobody holds the number'})`,
          );
          if (!holder) {
            m.add({
              id: to,
              firstName: form.canonical,
              phone: form.canonical,
              email: null,
              additionalPhones: [],
              additionalEmails: [],
            });
          }
          m.messages.set(sent.id, to);
          return;
        }
        case 'delete': {
          const id = m.pick(cmd.ref);
          const res = await call(this.ws, 'delete', `/v1/contacts/${id}`);
          this.trace.push(`${at} ${m.name(id)} -> ${res.status}`);
          const current = m.byId(id);
          if (!current || current.state === 'deleted') {
            return this.answered(res, at, 404, 'contact_not_found');
          }
          if (current.state === 'merged') return this.gone(res, at, [m.chainEnd(id)]);
          this.answered(res, at, 204);
          current.state = 'deleted';
          return;
        }
      }
    }

    /** The invariants (without the model), then the tables against the model. */
    async check(step: number): Promise<void> {
      const { problems, contacts, messages } = await databaseProblems(db, this.ws.workspace.id);
      if (problems.length > 0) {
        this.fail(`after #${step}, in the database:\n    ${problems.join('\n    ')}`);
      }
      const m = this.model;
      const stored = contacts.map((c) => ({
        id: m.name(c.id),
        firstName: c.first_name,
        phone: c.phone,
        email: c.email,
        additionalPhones: c.additional_phones,
        additionalEmails: c.additional_emails,
        state: c.merged_into !== null ? 'merged' : c.deleted ? 'deleted' : 'live',
        mergedInto: c.merged_into === null ? null : m.name(c.merged_into),
      }));
      const modelled = [...m.contacts]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((c) => ({
          id: m.name(c.id),
          firstName: c.firstName,
          ...identitiesOf(c),
          state: c.state,
          mergedInto: c.mergedInto === null ? null : m.name(c.mergedInto),
        }));
      this.same(stored, modelled, `after #${step}, the contacts in the database (vs the model)`);
      // Every message on the contact it went to, followed through merges (a deleted one keeps them).
      const linked = messages.map((x) => [
        x.id,
        x.contact_id === null ? null : m.name(x.contact_id),
      ]);
      const expected = [...m.messages.keys()]
        .sort()
        .map((id) => [id, m.name(m.messageContact(id) ?? '')]);
      this.same(linked, expected, `after #${step}, the messages' contacts (vs the model)`);
    }
  }

  it('any sequence keeps every phone and email on at most one live contact, and every message linked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(create, { minLength: 1, maxLength: 3 }),
        fc.array(command, { maxLength: MAX_COMMANDS, size: 'max' }),
        async (creates, commands) => {
          const run = new Run(await createWorkspace(app, { defaultCountry: 'KE' }));
          for (const [i, cmd] of [...creates, ...commands].entries()) {
            await run.execute(cmd, i);
            await run.check(i);
          }
        },
      ),
      property.params(NUM_RUNS),
    );
  }, 180_000);

  it('example: a variant number finds its contact; a dry run changes nothing; a merge takes the numbers and the messages', async () => {
    const ws = await createWorkspace(app, { defaultCountry: 'KE' });
    // Amina, with a Brazilian mobile in its canonical form (the ninth digit).
    const amina = await call(ws, 'post', '/v1/contacts', {
      firstName: 'Amina',
      phone: '+5511912345678',
      email: 'amina@example.com',
    });
    expect(amina.status).toBe(201);
    const aminaId = (amina.body as { id: string }).id;
    // A platform reports the number without its ninth digit: the same phone.
    const first = await call(ws, 'post', '/v1/messages', { phone: '+551112345678', text: 'Olá' });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      contactId: aminaId,
      resolution: { contactId: aminaId, matchedBy: 'variant' },
    });
    // So a contact with that form is a duplicate of Amina.
    const duplicate = await call(ws, 'post', '/v1/contacts', {
      firstName: 'Dup',
      phone: '+551112345678',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({
      code: 'contact_exists',
      details: [{ field: 'phone', contactId: aminaId }],
    });
    // The same person again, with a Kenyan number written nationally and a work email.
    const again = await call(ws, 'post', '/v1/contacts', {
      firstName: 'Amina',
      phone: '0712 000 001',
      additionalEmails: ['Amina.Work@example.com'],
    });
    expect(again.status).toBe(201);
    const againId = (again.body as { id: string }).id;
    const second = await call(ws, 'post', '/v1/messages', {
      phone: '+254712000001',
      text: 'Habari',
    });
    expect(second.body).toMatchObject({
      contactId: againId,
      resolution: { contactId: againId, matchedBy: 'phone' },
    });

    // A dry run reports the merged contact and changes nothing.
    const merged = {
      phone: '+254712000001',
      email: 'amina@example.com',
      additionalPhones: ['+5511912345678'],
      additionalEmails: ['amina.work@example.com'],
    };
    const dry = await call(ws, 'post', `/v1/contacts/${againId}/merge`, {
      sourceIds: [aminaId],
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      contact: { id: againId, ...merged },
      moved: { messages: 1 },
    });
    expect((await call(ws, 'get', `/v1/contacts/${againId}`)).body).toMatchObject({
      email: null,
      additionalPhones: [],
    });
    expect((await call(ws, 'get', `/v1/contacts/${aminaId}`)).status).toBe(200);

    const real = await call(ws, 'post', `/v1/contacts/${againId}/merge`, { sourceIds: [aminaId] });
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, contact: merged, moved: { messages: 1 } });
    expect((await call(ws, 'get', `/v1/contacts/${againId}`)).body).toMatchObject(merged);
    const gone = await call(ws, 'get', `/v1/contacts/${aminaId}`);
    expect(gone.status).toBe(410);
    expect(errorShapeProblems(asResult(gone))).toEqual([]);
    expect(gone.body).toMatchObject({ code: 'contact_merged', details: [{ mergedInto: againId }] });
    expect(gone.headers.link).toBe(`</v1/contacts/${againId}>; rel="canonical"`);
    // Amina's number now finds the contact she was merged into, as an additional phone.
    const third = await call(ws, 'post', '/v1/messages', { phone: '+5511912345678', text: 'Oi' });
    expect(third.body).toMatchObject({
      contactId: againId,
      resolution: { contactId: againId, matchedBy: 'additional_phone' },
    });

    const { problems, messages } = await databaseProblems(db, ws.workspace.id);
    expect(problems).toEqual([]);
    expect(messages.map((x) => x.contact_id)).toEqual([againId, againId, againId]);
  });
});
