import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { DomainException } from '../../src/common/errors/domain.exception';
import { ContactsService } from '../../src/contacts/contacts.service';
import { ContactEntity } from '../../src/contacts/entities/contact.entity';
import { OutboxDeliveryEntity } from '../../src/outbox/outbox-delivery.entity';
import { OutboxEventEntity } from '../../src/outbox/outbox-event.entity';
import { uniqueEmail, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';

/** ContactsService as other modules use it: no HTTP, no pipes. */
describe('ContactsService (internal API)', () => {
  let app: NestFastifyApplication;
  let contacts: ContactsService;
  let ws: TestWorkspace;
  /** The outbox rows written for a contact, oldest first. */
  const eventsOf = (contactId: string) =>
    app
      .get(DataSource)
      .getRepository(OutboxEventEntity)
      .find({ where: { aggregateId: contactId }, order: { sequence: 'ASC' } });

  beforeAll(async () => {
    // No dispatcher here: the rows stay as the transaction wrote them.
    app = await createTestApp({ OUTBOX_DISPATCH: 'false' });
    contacts = app.get(ContactsService);
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app, { defaultCountry: 'KE' });
  });
  afterAll(() => app.close());

  it('creates a contact with another source and validates input it did not get through HTTP', async () => {
    const phone = uniquePhone();
    const created = await contacts.create(
      ws.workspace.id,
      { firstName: phone, phone },
      { source: 'message' },
    );
    expect(created).toMatchObject({ source: 'message', phone, firstName: phone, tags: [] });

    await expect(
      contacts.create(ws.workspace.id, { firstName: '', email: 'nope' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      contacts.create(ws.workspace.id, { firstName: 'X', phone: uniquePhone(), source: 'message' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(contacts.create(ws.workspace.id, 'not an object')).rejects.toBeInstanceOf(
      DomainException,
    );
  });

  it('reads numbers without + in the workspace default country', async () => {
    const created = await contacts.create(ws.workspace.id, {
      firstName: 'Wanjiku',
      phone: '0733 123 456',
    });
    expect(created.phone).toBe('+254733123456');
    const found = await contacts.findByPhone(
      ws.workspace.id,
      await contacts.normalizePhone(ws.workspace.id, '+254 733-123-456'),
    );
    expect(found).toMatchObject({ contact: { id: created.id }, matchedBy: 'phone' });
  });

  it('records contact.created in the outbox with the contact as the API returns it, and a delivery per consumer', async () => {
    const created = await contacts.create(ws.workspace.id, {
      firstName: 'Ada',
      email: uniqueEmail(),
    });
    const rows = await eventsOf(created.id);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      eventName: 'contact.created',
      workspaceId: ws.workspace.id,
      aggregateType: 'contact',
      sequence: 1,
    });
    expect(row.payload).toMatchObject({
      eventName: 'contact.created',
      eventId: row.id,
      workspaceId: ws.workspace.id,
      contactId: created.id,
      sequence: 1,
      contact: { id: created.id, firstName: 'Ada', fullName: 'Ada', lastName: null, tags: [] },
    });
    const occurredAt = (row.payload as { occurredAt: string }).occurredAt;
    expect(new Date(occurredAt).toISOString()).toBe(occurredAt);
    const deliveries = await app
      .get(DataSource)
      .getRepository(OutboxDeliveryEntity)
      .findBy({ eventId: row.id });
    expect(deliveries.map((d) => d.consumer).sort()).toEqual([
      'conversations.link-contact',
      'messaging.link-messages',
      'webhooks.fan-out',
    ]);
    expect(deliveries.every((d) => d.status === 'pending')).toBe(true);
  });

  it('records contact.updated with old and new values of the changed fields only, in sequence', async () => {
    const created = await contacts.create(ws.workspace.id, {
      firstName: 'Grace',
      email: uniqueEmail(),
    });
    await contacts.update(ws.workspace.id, created.id, {
      lastName: 'Hopper',
      company: null,
      tags: ['vip'],
    });
    await contacts.update(ws.workspace.id, created.id, { company: 'Navy' });
    const rows = await eventsOf(created.id);
    expect(rows.map((r) => [r.eventName, r.sequence])).toEqual([
      ['contact.created', 1],
      ['contact.updated', 2],
      ['contact.updated', 3],
    ]);
    expect((rows[1].payload as { changes: unknown }).changes).toEqual({
      lastName: { from: null, to: 'Hopper' },
      tags: { from: [], to: ['vip'] },
      fullName: { from: 'Grace', to: 'Grace Hopper' },
    });
    expect(rows[1].payload).toMatchObject({ contact: { fullName: 'Grace Hopper', tags: ['vip'] } });
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
  });

  it('records nothing for a change that changes nothing, and nothing for a change that fails', async () => {
    const email = uniqueEmail();
    const created = await contacts.create(ws.workspace.id, { firstName: 'Alan', email });
    const same = await contacts.update(ws.workspace.id, created.id, {
      firstName: 'Alan',
      email: email.toUpperCase(),
    });
    expect(same.updatedAt.getTime()).toBe(created.updatedAt.getTime());
    await expect(
      contacts.create(ws.workspace.id, { firstName: 'Twin', email }),
    ).rejects.toMatchObject({
      code: 'contact_exists',
      details: [{ field: 'email', contactId: created.id }],
    });
    expect(await eventsOf(created.id)).toHaveLength(1);
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
    await expect(contacts.create(ws.workspace.id, { firstName: 'Ghost', email })).rejects.toThrow(
      'boom',
    );
    insert.mockRestore();
    expect(
      await dataSource
        .getRepository(ContactEntity)
        .countBy({ workspaceId: ws.workspace.id, email }),
    ).toBe(0);
    const outbox = await dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM outbox_events WHERE payload->'contact'->>'email' = $1`,
      [email],
    );
    expect(Number(outbox[0].n)).toBe(0);
  });
});
