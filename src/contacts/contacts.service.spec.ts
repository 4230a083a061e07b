import { Test } from '@nestjs/testing';
import { QueryFailedError } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';
import { DomainException } from '../common/errors/domain.exception';
import { TransactionalEvents } from '../outbox/transactional-events';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { ContactConflicts } from './contact-conflicts';
import { ContactIdentities } from './contact-identities';
import { ContactWriter } from './contact-writer';
import { ContactUpserts } from './upsert/contact-upserts';
import { ContactHistoryRepository } from './contact-history.repository';
import { ContactLifecycle } from './contact-lifecycle';
import { ContactFeed } from './contact-feed';
import { ContactMerge } from './contact-merge';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { ContactEntity } from './entities/contact.entity';
import { ContactException } from './exceptions/contact.exception';
import type { ContactCreatedEvent } from './events/contact-created.event';
import type { ContactUpdatedEvent } from './events/contact-updated.event';
import { ContactSearchPlanner } from './search/contact-search.planner';

const WS = '6634e2b1a7c3f500231a8b99';
const ID = '6634e2b1a7c3f500231a8b01';

/** A mock whose unmocked methods fail loudly instead of returning undefined. */
function strictMock<T extends object>(
  name: string,
  methods: Partial<Record<keyof T, jest.Mock>>,
): T {
  return new Proxy(methods, {
    get: (target, property: string) => {
      const method = (target as Record<string, unknown>)[property];
      if (method === undefined && property !== 'then') {
        throw new Error(`unexpected call: ${name}.${property}`);
      }
      return method;
    },
  }) as unknown as T;
}

function contact(values: Partial<ContactEntity> = {}): ContactEntity {
  return Object.assign(new ContactEntity(), {
    id: ID,
    workspaceId: WS,
    firstName: 'Jane',
    lastName: 'Doe',
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
    version: 1,
    ...values,
  });
}

function uniqueViolation(constraint: string): QueryFailedError {
  return new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error('duplicate key'), { code: '23505', constraint }),
  );
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(error instanceof DomainException)) throw error;
  return error.code;
}

describe('ContactsService', () => {
  let service: ContactsService;
  let repository: Record<string, jest.Mock>;
  let planner: Record<string, jest.Mock>;
  let history: Record<string, jest.Mock>;
  let lifecycle: Record<string, jest.Mock>;
  let recorded: DomainEvent[];
  const manager = {} as EntityManager;

  beforeEach(async () => {
    recorded = [];
    repository = {
      insert: jest.fn().mockResolvedValue(undefined),
      updateMany: jest.fn().mockResolvedValue(undefined),
      findForUpdate: jest.fn(),
      findById: jest.fn(),
      findByPhone: jest.fn(),
      findIdentityOwners: jest.fn().mockResolvedValue([]),
      pageOfAll: jest.fn().mockResolvedValue({ items: [], total: 0 }),
    };
    planner = { page: jest.fn().mockResolvedValue({ items: [], total: 0 }) };
    history = {
      record: jest.fn().mockResolvedValue(undefined),
      recordMany: jest.fn().mockResolvedValue(undefined),
    };
    lifecycle = { missing: jest.fn().mockResolvedValue(ContactException.notFound()) };
    const events = {
      run: jest.fn(
        (work: (m: EntityManager, record: (e: DomainEvent) => void) => Promise<unknown>) =>
          work(manager, (event) => recorded.push(event)),
      ),
    };
    const moduleRef = await Test.createTestingModule({
      providers: [
        ContactsService,
        ContactConflicts,
        ContactIdentities,
        ContactWriter,
        { provide: ContactsRepository, useValue: strictMock('ContactsRepository', repository) },
        {
          provide: ContactHistoryRepository,
          useValue: strictMock('ContactHistoryRepository', history),
        },
        { provide: ContactLifecycle, useValue: strictMock('ContactLifecycle', lifecycle) },
        { provide: ContactMerge, useValue: strictMock('ContactMerge', {}) },
        { provide: ContactFeed, useValue: strictMock('ContactFeed', {}) },
        { provide: ContactUpserts, useValue: strictMock('ContactUpserts', {}) },
        { provide: ContactSearchPlanner, useValue: strictMock('ContactSearchPlanner', planner) },
        { provide: TransactionalEvents, useValue: strictMock('TransactionalEvents', events) },
        {
          provide: WorkspacesService,
          useValue: strictMock('WorkspacesService', {
            findById: jest.fn().mockResolvedValue({ id: WS, defaultCountry: 'KE' }),
          }),
        },
      ],
    }).compile();
    service = moduleRef.get(ContactsService);
  });

  describe('create', () => {
    it('normalises the input, inserts the contact and records contact.created in the same transaction', async () => {
      const created = await service.create(WS, {
        firstName: ' Jane ',
        phone: '0712 345-678',
        email: ' Jane@Example.COM ',
      });
      expect(created).toMatchObject({
        firstName: 'Jane',
        phone: '+254712345678',
        email: 'jane@example.com',
        source: 'api',
        tags: [],
        version: 1,
      });
      expect(created.id).toMatch(/^[0-9a-f]{24}$/);
      expect(repository.insert).toHaveBeenCalledWith(manager, [created]);
      expect(recorded.map((e) => e.eventName)).toEqual(['contact.created']);
      expect(history.recordMany).toHaveBeenCalledWith(
        manager,
        [
          expect.objectContaining({
            type: 'created',
            contactId: created.id,
            changes: [
              { field: 'firstName', old: null, new: 'Jane' },
              { field: 'phone', old: null, new: '+254712345678' },
              { field: 'email', old: null, new: 'jane@example.com' },
            ],
          }),
        ],
        { actor: { type: 'system', module: 'internal' }, requestId: null },
      );
      expect((recorded[0] as ContactCreatedEvent).contact).toMatchObject({
        id: created.id,
        fullName: 'Jane',
        phone: '+254712345678',
      });
    });

    it('refuses a contact with neither phone nor email before any write', async () => {
      await expect(codeOf(service.create(WS, { firstName: 'Nobody' }))).resolves.toBe(
        'validation_failed',
      );
      expect(repository.insert).not.toHaveBeenCalled();
    });

    it('refuses a source that is not a simple name (an internal caller’s mistake, not a client’s)', async () => {
      await expect(
        service.create(WS, { firstName: 'A', email: 'a@b.io' }, { source: 'Bad Source' }),
      ).rejects.toThrow(/Invalid contact source/);
    });

    it('translates a unique violation into contact_exists naming the field and the owner', async () => {
      repository.insert.mockRejectedValue(uniqueViolation('pk_contact_identities'));
      repository.findIdentityOwners.mockResolvedValue([
        {
          kind: 'phone',
          value: '+254712345678',
          contactId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
          field: 'phone',
        },
      ]);
      const error = (await service
        .create(WS, { firstName: 'A', phone: '+254712345678', email: 'new@x.io' })
        .catch((e: unknown) => e)) as DomainException;
      expect(error.code).toBe('contact_exists');
      expect(error.details).toEqual([{ field: 'phone', contactId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }]);
      expect(repository.findIdentityOwners).toHaveBeenCalledWith(
        WS,
        ['+254712345678'],
        ['new@x.io'],
      );
    });

    it('names both fields when both belong to other contacts', async () => {
      repository.insert.mockRejectedValue(uniqueViolation('pk_contact_identities'));
      repository.findIdentityOwners.mockResolvedValue([
        {
          kind: 'email',
          value: 'x@y.io',
          contactId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
          field: 'additionalEmails.3',
        },
        {
          kind: 'phone',
          value: '+254712345678',
          contactId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
          field: 'phone',
        },
        {
          kind: 'phone',
          value: '+254733000111',
          contactId: 'cccccccccccccccccccccccc',
          field: 'phone',
        },
      ]);
      const error = (await service
        .create(WS, {
          firstName: 'A',
          phone: '+254712345678',
          email: 'x@y.io',
          additionalPhones: ['+254 733 000 111'],
        })
        .catch((e: unknown) => e)) as DomainException;
      expect(error.details).toEqual([
        { field: 'phone', contactId: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
        { field: 'email', contactId: 'bbbbbbbbbbbbbbbbbbbbbbbb' },
        { field: 'additionalPhones.0', contactId: 'cccccccccccccccccccccccc' },
      ]);
    });

    it('lets any other database error through unchanged', async () => {
      const failure = new Error('connection lost');
      repository.insert.mockRejectedValue(failure);
      await expect(service.create(WS, { firstName: 'A', email: 'a@b.io' })).rejects.toBe(failure);
      expect(repository.findIdentityOwners).not.toHaveBeenCalled();
    });
  });

  describe('update', () => {
    it('refuses an empty body and an id that cannot exist, without reading anything', async () => {
      await expect(codeOf(service.update(WS, ID, {}))).resolves.toBe('empty_update');
      await expect(codeOf(service.update(WS, 'not-an-id', { company: 'X' }))).resolves.toBe(
        'contact_not_found',
      );
      expect(repository.findForUpdate).not.toHaveBeenCalled();
    });

    it('is contact_not_found when the workspace has no such contact', async () => {
      repository.findForUpdate.mockResolvedValue(null);
      await expect(codeOf(service.update(WS, ID, { company: 'X' }))).resolves.toBe(
        'contact_not_found',
      );
      expect(lifecycle.missing).toHaveBeenCalledWith(WS, ID);
    });

    it('is contact_merged (410) when the contact was merged into another', async () => {
      repository.findForUpdate.mockResolvedValue(null);
      lifecycle.missing.mockResolvedValue(ContactException.merged('6634e2b1a7c3f500231a8b02'));
      await expect(codeOf(service.update(WS, ID, { company: 'X' }))).resolves.toBe(
        'contact_merged',
      );
      expect(repository.updateMany).not.toHaveBeenCalled();
    });

    it('writes nothing and records no event when nothing changes', async () => {
      const current = contact({ company: 'Acme', tags: ['a', 'b'] });
      repository.findForUpdate.mockResolvedValue(current);
      await expect(service.update(WS, ID, { company: 'Acme', tags: ['a', 'b'] })).resolves.toBe(
        current,
      );
      expect(repository.updateMany).not.toHaveBeenCalled();
      expect(recorded).toEqual([]);
      expect(history.record).not.toHaveBeenCalled();
    });

    it('refuses a contact holding the same number twice (primary and additional), naming the later field', async () => {
      repository.findForUpdate.mockResolvedValue(contact());
      const details = (
        (await service
          .update(WS, ID, { additionalPhones: ['+254 733 000 111', '+254712345678'] })
          .catch((e: unknown) => e)) as DomainException
      ).details;
      expect(details).toEqual([
        { field: 'additionalPhones.1', message: expect.stringContaining('already one of') },
      ]);
      expect(repository.updateMany).not.toHaveBeenCalled();
    });

    it('writes only the changed fields, moves updatedAt and version, and records old and new values (fullName too)', async () => {
      repository.findForUpdate.mockResolvedValue(contact());
      const next = await service.update(WS, ID, {
        lastName: 'Smith',
        company: null,
        email: 'jane@example.com',
      });
      expect(next.version).toBe(2);
      expect(next.updatedAt.getTime()).toBeGreaterThan(
        new Date('2026-01-01T00:00:00.000Z').getTime(),
      );
      expect(repository.updateMany).toHaveBeenCalledWith(
        manager,
        WS,
        [
          expect.objectContaining({
            id: ID,
            lastName: 'Smith',
            updatedAt: next.updatedAt,
            version: 2,
          }),
        ],
        ['lastName', 'updatedAt', 'version'],
      );
      const [event] = recorded as ContactUpdatedEvent[];
      expect(event.eventName).toBe('contact.updated');
      expect(event.sequence).toBe(2);
      expect(event.changes).toEqual({
        lastName: { from: 'Doe', to: 'Smith' },
        fullName: { from: 'Jane Doe', to: 'Jane Smith' },
      });
    });

    it('refuses a change that would leave neither phone nor email', async () => {
      repository.findForUpdate.mockResolvedValue(contact({ email: null }));
      await expect(codeOf(service.update(WS, ID, { phone: null }))).resolves.toBe(
        'validation_failed',
      );
      expect(repository.updateMany).not.toHaveBeenCalled();
    });

    it('excludes the contact itself when naming the owner of a conflicting value', async () => {
      repository.findForUpdate.mockResolvedValue(contact());
      repository.updateMany.mockRejectedValue(uniqueViolation('pk_contact_identities'));
      repository.findIdentityOwners.mockResolvedValue([
        {
          kind: 'email',
          value: 'taken@x.io',
          contactId: 'cccccccccccccccccccccccc',
          field: 'email',
        },
        { kind: 'email', value: 'taken@x.io', contactId: ID, field: 'additionalEmails.0' },
      ]);
      const error = (await service
        .update(WS, ID, { email: 'taken@x.io' })
        .catch((e: unknown) => e)) as DomainException;
      expect(error.details).toEqual([{ field: 'email', contactId: 'cccccccccccccccccccccccc' }]);
    });
  });

  describe('reads', () => {
    it('answers null for an id that cannot exist without a query', async () => {
      await expect(service.findById(WS, '../etc')).resolves.toBeNull();
      expect(repository.findById).not.toHaveBeenCalled();
    });

    it('lists the whole workspace through the repository and searches through the planner', async () => {
      await service.list(WS, { page: '2', limit: '10' });
      expect(repository.pageOfAll).toHaveBeenCalledWith(WS, 10, 10);
      await service.list(WS, { search: '  jane  ' });
      expect(planner.page).toHaveBeenCalledWith(WS, 'jane', 0, 25);
    });

    it('finds by phone as typed, in the workspace’s default country, and says how it matched', async () => {
      repository.findByPhone.mockResolvedValue({ contact: contact(), field: 'additionalPhones.0' });
      const phone = await service.normalizePhone(WS, '0712 345 678');
      await expect(service.findByPhone(WS, phone)).resolves.toMatchObject({
        matchedBy: 'additional_phone',
      });
      expect(repository.findByPhone).toHaveBeenCalledWith(WS, '+254712345678', undefined, false);
      repository.findByPhone.mockResolvedValue({ contact: contact(), field: 'phone' });
      await expect(service.findByPhone(WS, phone)).resolves.toMatchObject({ matchedBy: 'phone' });
      await expect(
        service.findByPhone(WS, { e164: '+254712345678', variant: true }),
      ).resolves.toMatchObject({ matchedBy: 'variant' });
    });
  });
});
