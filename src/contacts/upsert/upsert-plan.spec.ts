import { ContactEntity } from '../entities/contact.entity';
import type { MatchField } from '../dto/upsert-contact.dto';
import type { ContactException } from '../exceptions/contact.exception';
import {
  type Claims,
  type IdentityOwner,
  planWrites,
  type Step,
  type WriteItem,
} from './upsert-plan';

let nextId = 0;
function item(
  index: number,
  values: Partial<ContactEntity>,
  matchOn: MatchField[] = ['phone', 'email'],
): WriteItem {
  const contact = Object.assign(new ContactEntity(), {
    id: `new${String(nextId++).padStart(21, '0')}`,
    firstName: 'A',
    phone: null,
    email: null,
    additionalPhones: [],
    additionalEmails: [],
    ...values,
  });
  return { index, draft: { contact, changes: [] }, patch: { firstName: 'A', ...values }, matchOn };
}
const owner = (
  kind: 'phone' | 'email',
  value: string,
  contactId: string,
  field: string = kind,
): IdentityOwner => ({ kind, value, contactId, field });
const failure = (step: Step) => {
  if (step.kind !== 'fail') throw new Error(`expected a failure, got ${step.kind}`);
  const error: ContactException = step.error;
  return { code: error.code, details: error.details };
};

describe('planWrites', () => {
  it('create mode: inserts what nobody holds, refuses what another contact holds, naming it', () => {
    const steps = planWrites(
      [item(0, { phone: '+1' }), item(1, { email: 'b@x.io', additionalPhones: ['+2'] }, [])],
      [owner('phone', '+2', 'owner2')],
      new Map(),
    );
    expect(steps[0].kind).toBe('insert'); // matchOn is ignored when nothing holds the phone
    expect(failure(steps[1])).toEqual({
      code: 'contact_exists',
      details: [{ field: 'additionalPhones.0', contactId: 'owner2' }],
    });
  });

  it("the later of two items with one phone or email is refused, naming the earlier item's contact and index", () => {
    const first = item(0, { phone: '+1' }, []);
    const steps = planWrites(
      [
        first,
        item(1, { email: 'x@x.io', additionalPhones: ['+1'] }, []),
        item(2, { email: 'x@x.io' }, []),
      ],
      [],
      new Map(),
    );
    // Item 1 has item 0's phone; item 2 has item 1's email, but item 1 was refused: it holds nothing.
    expect(steps.map((s) => s.kind)).toEqual(['insert', 'fail', 'insert']);
    expect(failure(steps[1]).details).toEqual([
      { field: 'additionalPhones.0', contactId: first.draft.contact.id, index: 0 },
    ]);
    const second = planWrites(
      [item(3, { phone: '+9', additionalPhones: ['+1'] }, [])],
      [],
      new Map([['phone:+1', { index: 0, contactId: first.draft.contact.id }]]),
    );
    expect(failure(second[0]).details).toEqual([
      { field: 'additionalPhones.0', contactId: first.draft.contact.id, index: 0 },
    ]);
  });

  it('upsert: one contact found is updated; the phone finding one and the email another is ambiguous', () => {
    const owners = [
      owner('phone', '+1', 'c1'),
      owner('email', 'a@x.io', 'c1'),
      owner('email', 'b@x.io', 'c2'),
    ];
    const [both, byEmail] = planWrites(
      [
        item(0, { phone: '+1', email: 'a@x.io' }),
        item(1, { phone: '+3', email: 'b@x.io', additionalPhones: [] }),
      ],
      owners,
      new Map(),
    );
    expect(both).toMatchObject({ kind: 'update', contactId: 'c1' });
    expect(byEmail).toMatchObject({ kind: 'update', contactId: 'c2' });
    const [twoContacts] = planWrites(
      [item(0, { phone: '+1', email: 'b@x.io' })],
      owners,
      new Map(),
    );
    expect(failure(twoContacts)).toEqual({
      code: 'contact_match_ambiguous',
      details: [
        { field: 'phone', contactId: 'c1' },
        { field: 'email', contactId: 'c2' },
      ],
    });
  });

  it('upsert: matchOn decides; a value held by a contact that is not the one found is refused', () => {
    const owners = [owner('phone', '+1', 'c1'), owner('email', 'b@x.io', 'c2')];
    const [byEmail] = planWrites(
      [item(0, { phone: '+1', email: 'b@x.io' }, ['email'])],
      owners,
      new Map(),
    );
    expect(failure(byEmail)).toEqual({
      code: 'contact_exists',
      details: [{ field: 'phone', contactId: 'c1' }],
    });
    const [byPhone] = planWrites(
      [item(0, { phone: '+1', email: 'new@x.io' }, ['phone'])],
      owners,
      new Map(),
    );
    expect(byPhone).toMatchObject({
      kind: 'update',
      contactId: 'c1',
      matched: [{ kind: 'phone', value: '+1' }],
    });
  });

  it('upsert: a phone the contact holds as an additional one finds it and is not moved to its primary phone', () => {
    const [step] = planWrites(
      [item(0, { phone: '+2', company: 'Acme' })],
      [owner('phone', '+2', 'c1', 'additionalPhones.0')],
      new Map(),
    );
    if (step.kind !== 'update') throw new Error(step.kind);
    expect(step.patch).toEqual({ firstName: 'A', company: 'Acme' });
    expect(step.item.patch.phone).toBe('+2'); // the item itself is untouched (a replan starts from it)
  });

  it('a refused item claims nothing; claims carry over to the next call', () => {
    const claims: Claims = new Map();
    planWrites(
      [item(0, { phone: '+1', email: 'taken@x.io' }, [])],
      [owner('email', 'taken@x.io', 'c9')],
      claims,
    );
    expect(claims.size).toBe(0);
    const [later] = planWrites([item(1, { phone: '+1' }, [])], [], claims);
    expect(later.kind).toBe('insert');
    expect([...claims.keys()]).toEqual(['phone:+1']);
  });
});
