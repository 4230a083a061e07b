import { EventEmitter2 } from '@nestjs/event-emitter';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { DomainException } from '../../src/common/errors/domain.exception';
import { ContactsService } from '../../src/contacts/contacts.service';
import { ContactEntity } from '../../src/contacts/entities/contact.entity';
import { ContactCreatedEvent } from '../../src/contacts/events/contact-created.event';
import { ContactUpdatedEvent } from '../../src/contacts/events/contact-updated.event';
import { uniqueEmail, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';

/** ContactsService as other modules use it: no HTTP, no pipes. */
describe('ContactsService (internal API)', () => {
  let app: NestFastifyApplication;
  let contacts: ContactsService;
  let ws: TestWorkspace;
  const events: { name: string; payload: ContactCreatedEvent | ContactUpdatedEvent }[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    contacts = app.get(ContactsService);
    ws = await createWorkspace(app, { defaultCountry: 'KE' });
    const emitter = app.get(EventEmitter2);
    for (const name of [ContactCreatedEvent.eventName, ContactUpdatedEvent.eventName]) {
      emitter.on(name, (payload: ContactCreatedEvent | ContactUpdatedEvent) => {
        if (payload.workspaceId === ws.workspace.id) events.push({ name, payload });
      });
    }
  });
  beforeEach(() => {
    events.length = 0;
  });
  afterAll(() => app.close());

  it('creates a contact with another source and validates input it did not get through HTTP', async () => {
    const phone = uniquePhone();
    const created = await contacts.create(ws.workspace.id, { firstName: phone, phone }, { source: 'message' });
    expect(created).toMatchObject({ source: 'message', phone, firstName: phone, tags: [] });

    await expect(contacts.create(ws.workspace.id, { firstName: '', email: 'nope' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(contacts.create(ws.workspace.id, { firstName: 'X', phone: uniquePhone(), source: 'message' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(contacts.create(ws.workspace.id, 'not an object')).rejects.toBeInstanceOf(DomainException);
  });

  it('reads numbers without + in the workspace default country', async () => {
    const created = await contacts.create(ws.workspace.id, { firstName: 'Wanjiku', phone: '0733 123 456' });
    expect(created.phone).toBe('+254733123456');
    const found = await contacts.findByPhone(ws.workspace.id, '+254 733-123-456');
    expect(found?.id).toBe(created.id);
  });

  it('emits contact.created after commit with the contact as returned by the API', async () => {
    const created = await contacts.create(ws.workspace.id, { firstName: 'Ada', email: uniqueEmail() });
    expect(events).toHaveLength(1);
    const [{ name, payload }] = events;
    expect(name).toBe('contact.created');
    expect(payload).toMatchObject({
      eventName: 'contact.created',
      workspaceId: ws.workspace.id,
      contactId: created.id,
      contact: { id: created.id, firstName: 'Ada', fullName: 'Ada', lastName: null, tags: [] },
    });
    expect(payload.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(payload.occurredAt).toISOString()).toBe(payload.occurredAt);
  });

  it('emits contact.updated with old and new values of the changed fields only', async () => {
    const created = await contacts.create(ws.workspace.id, { firstName: 'Grace', email: uniqueEmail() });
    events.length = 0;
    await contacts.update(ws.workspace.id, created.id, { lastName: 'Hopper', company: null, tags: ['vip'] });
    expect(events).toHaveLength(1);
    const payload = events[0].payload as ContactUpdatedEvent;
    expect(payload.eventName).toBe('contact.updated');
    expect(payload.changes).toEqual({
      lastName: { from: null, to: 'Hopper' },
      tags: { from: [], to: ['vip'] },
      fullName: { from: 'Grace', to: 'Grace Hopper' },
    });
    expect(payload.contact).toMatchObject({ fullName: 'Grace Hopper', tags: ['vip'] });
  });

  it('emits nothing for a change that changes nothing, and nothing for a change that fails', async () => {
    const email = uniqueEmail();
    const created = await contacts.create(ws.workspace.id, { firstName: 'Alan', email });
    events.length = 0;
    const same = await contacts.update(ws.workspace.id, created.id, { firstName: 'Alan', email: email.toUpperCase() });
    expect(same.updatedAt.getTime()).toBe(created.updatedAt.getTime());
    await expect(contacts.create(ws.workspace.id, { firstName: 'Twin', email })).rejects.toMatchObject({
      code: 'contact_exists',
      details: [{ field: 'email', contactId: created.id }],
    });
    expect(events).toHaveLength(0);
  });

  it('a transaction that rolls back leaves neither the change nor an event', async () => {
    const dataSource = app.get(DataSource);
    const email = uniqueEmail();
    const insert = jest.spyOn(dataSource, 'transaction');
    // Make the transaction fail after the contact row was written inside it.
    insert.mockImplementationOnce(((work: (m: unknown) => Promise<unknown>) =>
      dataSource.manager.transaction(async (manager) => {
        await work(manager);
        throw new Error('boom after the insert');
      })) as unknown as DataSource['transaction']);
    await expect(contacts.create(ws.workspace.id, { firstName: 'Ghost', email })).rejects.toThrow('boom');
    insert.mockRestore();
    expect(events).toHaveLength(0);
    expect(await dataSource.getRepository(ContactEntity).countBy({ workspaceId: ws.workspace.id, email })).toBe(0);
  });
});
