import { Test } from '@nestjs/testing';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { systemWrite } from '../common/context/write-context';
import type { DomainEvent } from '../common/events/domain-event';
import { DomainException } from '../common/errors/domain.exception';
import { TransactionalEvents } from '../outbox/transactional-events';
import { PersonalDataRegistry } from '../privacy/personal-data.registry';
import { ContactConflicts } from './contact-conflicts';
import { ContactHistoryRepository } from './contact-history.repository';
import { ContactLifecycle } from './contact-lifecycle';
import { ContactsRepository } from './contacts.repository';
import { ContactEntity } from './entities/contact.entity';

const WS = '6634e2b1a7c3f500231a8b99';
const ID = '6634e2b1a7c3f500231a8b01';
const CONTEXT = systemWrite('test', 'req-1');

function contact(values: Partial<ContactEntity> = {}): ContactEntity {
  return Object.assign(new ContactEntity(), {
    id: ID,
    workspaceId: WS,
    firstName: 'Jane',
    lastName: null,
    phone: '+254712345678',
    email: 'jane@example.com',
    company: null,
    jobTitle: null,
    website: null,
    notes: null,
    source: 'api',
    tags: [],
    additionalPhones: [],
    additionalEmails: [],
    lifecycle: null,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    updatedAt: new Date('2026-01-01T00:00:00.000Z'),
    version: 3,
    deletedAt: null,
    erasedAt: null,
    eraseRequestId: null,
    mergedInto: null,
    ...values,
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(error instanceof DomainException)) throw error;
  return error.code;
}

describe('ContactLifecycle', () => {
  let lifecycle: ContactLifecycle;
  let contacts: Record<string, jest.Mock>;
  let history: Record<string, jest.Mock>;
  let personalData: { erase: jest.Mock };
  let conflicts: { translate: jest.Mock };
  let recorded: DomainEvent[];
  const manager = {} as EntityManager;

  beforeEach(async () => {
    recorded = [];
    contacts = {
      setDeleted: jest.fn(),
      findIncludingDeleted: jest.fn(),
      findAnyForUpdate: jest.fn(),
      existsWithHistory: jest.fn(),
      mergedInto: jest.fn().mockResolvedValue(null),
      mergedSources: jest.fn().mockResolvedValue([]),
    };
    history = { record: jest.fn().mockResolvedValue(undefined), page: jest.fn() };
    personalData = { erase: jest.fn().mockResolvedValue(undefined) };
    conflicts = { translate: jest.fn((error: unknown) => Promise.resolve(error)) };
    const moduleRef = await Test.createTestingModule({
      providers: [
        ContactLifecycle,
        { provide: ContactsRepository, useValue: contacts },
        { provide: ContactHistoryRepository, useValue: history },
        { provide: ContactConflicts, useValue: conflicts },
        { provide: PersonalDataRegistry, useValue: personalData },
        {
          provide: TransactionalEvents,
          useValue: {
            run: jest.fn(
              (work: (m: EntityManager, r: (e: DomainEvent) => void) => Promise<unknown>) =>
                work(manager, (e) => recorded.push(e)),
            ),
          },
        },
      ],
    }).compile();
    lifecycle = moduleRef.get(ContactLifecycle);
  });

  /** What setDeleted answers for a contact the change applied to: version 4, a new time. */
  const changed = (before: ContactEntity) => ({
    before,
    after: { updatedAt: new Date('2026-02-01T00:00:00.000Z'), version: 4 },
  });

  it('deletes a live contact in one statement: a history entry at its new time and contact.deleted with it as it was', async () => {
    contacts.setDeleted.mockResolvedValue(changed(contact()));
    await lifecycle.delete(WS, ID, CONTEXT, { ifMatch: [3] });
    expect(contacts.setDeleted).toHaveBeenCalledWith(manager, WS, ID, {
      deleted: true,
      notBefore: expect.any(Date),
      ifMatch: [3],
    });
    expect(history.record).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({
        type: 'deleted',
        contactId: ID,
        occurredAt: new Date('2026-02-01T00:00:00.000Z'),
      }),
      CONTEXT,
    );
    expect(recorded.map((e) => [e.eventName, e.sequence])).toEqual([['contact.deleted', 4]]);
    expect(recorded[0]).toMatchObject({
      occurredAt: '2026-02-01T00:00:00.000Z',
      contact: expect.objectContaining({ email: 'jane@example.com' }),
    });
  });

  it('answers precondition_failed, and records nothing, when the live contact is at another version', async () => {
    contacts.setDeleted.mockResolvedValue({ before: contact(), after: null });
    await expect(codeOf(lifecycle.delete(WS, ID, CONTEXT, { ifMatch: [2] }))).resolves.toBe(
      'precondition_failed',
    );
    expect(history.record).not.toHaveBeenCalled();
    expect(recorded).toEqual([]);
  });

  it('answers contact_not_found for a contact that is not live, or an id that cannot exist', async () => {
    contacts.setDeleted.mockResolvedValue(null);
    await expect(codeOf(lifecycle.delete(WS, ID, CONTEXT))).resolves.toBe('contact_not_found');
    contacts.setDeleted.mockClear();
    await expect(codeOf(lifecycle.delete(WS, 'x', CONTEXT))).resolves.toBe('contact_not_found');
    expect(contacts.setDeleted).not.toHaveBeenCalled();
    expect(recorded).toEqual([]);
  });

  it('answers 410 contact_merged with a canonical Link for a merged contact, on delete and on restore', async () => {
    const TARGET = '6634e2b1a7c3f500231a8b02';
    // Not live (delete finds nothing); deleted and merged (restore finds it, and changes nothing).
    contacts.setDeleted.mockImplementation(
      (_m: unknown, _w: string, _id: string, { deleted }: { deleted: boolean }) =>
        Promise.resolve(
          deleted
            ? null
            : { before: contact({ deletedAt: new Date(), mergedInto: TARGET }), after: null },
        ),
    );
    contacts.mergedInto.mockResolvedValue(TARGET);
    for (const attempt of [lifecycle.delete(WS, ID, CONTEXT), lifecycle.restore(WS, ID, CONTEXT)]) {
      const error = (await attempt.then(
        () => null,
        (e: unknown) => e,
      )) as DomainException;
      expect(error).toBeInstanceOf(DomainException);
      expect(error.code).toBe('contact_merged');
      expect(error.details).toEqual([{ mergedInto: TARGET }]);
      expect(error.headers).toEqual({ link: `</v1/contacts/${TARGET}>; rel="canonical"` });
    }
    expect(history.record).not.toHaveBeenCalled();
    expect(recorded).toEqual([]);
  });

  it('restores a deleted contact, and leaves a live one as it is (no history, no event)', async () => {
    contacts.setDeleted.mockResolvedValue(changed(contact({ deletedAt: new Date() })));
    await expect(lifecycle.restore(WS, ID, CONTEXT)).resolves.toMatchObject({
      deletedAt: null,
      version: 4,
      updatedAt: new Date('2026-02-01T00:00:00.000Z'),
    });
    expect(contacts.setDeleted).toHaveBeenCalledWith(manager, WS, ID, {
      deleted: false,
      notBefore: expect.any(Date),
    });
    expect(recorded.map((e) => e.eventName)).toEqual(['contact.restored']);

    recorded.length = 0;
    history.record.mockClear();
    const live = contact();
    contacts.setDeleted.mockResolvedValue({ before: live, after: null });
    await expect(lifecycle.restore(WS, ID, CONTEXT)).resolves.toBe(live);
    expect(history.record).not.toHaveBeenCalled();
    expect(recorded).toEqual([]);
  });

  it("answers a restore whose phone another live contact took meanwhile from the contact's values", async () => {
    const violation = new QueryFailedError('UPDATE', [], {
      code: '23505',
      constraint: 'pk_contact_identities',
    } as unknown as Error);
    contacts.setDeleted.mockRejectedValue(violation);
    const deleted = contact({ deletedAt: new Date() });
    contacts.findIncludingDeleted.mockResolvedValue(deleted);
    await expect(lifecycle.restore(WS, ID, CONTEXT)).rejects.toBe(violation);
    expect(conflicts.translate).toHaveBeenCalledWith(violation, WS, deleted, ID);

    // Any other failure passes through, without a read.
    contacts.findIncludingDeleted.mockClear();
    contacts.setDeleted.mockRejectedValue(new Error('connection lost'));
    await expect(lifecycle.restore(WS, ID, CONTEXT)).rejects.toThrow('connection lost');
    expect(contacts.findIncludingDeleted).not.toHaveBeenCalled();
  });

  it("erases through every module's policy, with the contact's numbers and addresses, and records contact.erased", async () => {
    contacts.findAnyForUpdate.mockResolvedValue(contact({ deletedAt: new Date() }));
    const { erasedAt } = await lifecycle.erase(WS, ID, CONTEXT);
    expect(personalData.erase).toHaveBeenCalledWith(manager, {
      workspaceId: WS,
      contactId: ID,
      phones: ['+254712345678'],
      emails: ['jane@example.com'],
      erasedAt,
      requestId: 'req-1',
    });
    expect(recorded).toEqual([
      expect.objectContaining({ eventName: 'contact.erased', contactId: ID, sequence: 4 }),
    ]);
    expect(JSON.stringify(recorded)).not.toContain('jane');
  });

  it('erases the contacts merged into it with it (the same person), with every number and address each holds', async () => {
    const SOURCE = '6634e2b1a7c3f500231a8b03';
    contacts.findAnyForUpdate.mockResolvedValue(
      contact({ additionalPhones: ['+254733000001'], additionalEmails: ['j@work.example'] }),
    );
    contacts.mergedSources.mockResolvedValue([
      contact({
        id: SOURCE,
        phone: null,
        email: 'old@example.com',
        additionalPhones: [],
        deletedAt: new Date(),
        mergedInto: ID,
      }),
    ]);
    const { erasedAt } = await lifecycle.erase(WS, ID, CONTEXT);
    expect(personalData.erase.mock.calls.map(([, subject]: [unknown, unknown]) => subject)).toEqual(
      [
        {
          workspaceId: WS,
          contactId: ID,
          phones: ['+254712345678', '+254733000001'],
          emails: ['jane@example.com', 'j@work.example'],
          erasedAt,
          requestId: 'req-1',
        },
        {
          workspaceId: WS,
          contactId: SOURCE,
          phones: [],
          emails: ['old@example.com'],
          erasedAt,
          requestId: 'req-1',
        },
      ],
    );
    expect(recorded.map((e) => [e.eventName, e.aggregateId])).toEqual([
      ['contact.erased', ID],
      ['contact.erased', SOURCE],
    ]);
  });

  it('pages history with an opaque cursor and refuses one it did not make', async () => {
    contacts.existsWithHistory.mockResolvedValue(true);
    const rows = [
      '6634e2b1a7c3f500231a8e03',
      '6634e2b1a7c3f500231a8e02',
      '6634e2b1a7c3f500231a8e01',
    ].map((id) => ({ id }));
    history.page.mockResolvedValue(rows);
    const first = await lifecycle.history(WS, ID, { limit: '2' });
    expect(first.items.map((e) => e.id)).toEqual(rows.slice(0, 2).map((r) => r.id));
    expect(first.nextCursor).not.toContain('6634'); // opaque
    history.page.mockResolvedValue(rows.slice(2));
    const second = await lifecycle.history(WS, ID, { limit: '2', after: first.nextCursor });
    expect(history.page).toHaveBeenLastCalledWith(WS, ID, '6634e2b1a7c3f500231a8e02', 2);
    expect(second.nextCursor).toBeNull();
    await expect(codeOf(lifecycle.history(WS, ID, { after: 'garbage' }))).resolves.toBe(
      'validation_failed',
    );
  });
});
