import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';
import type { OutboxConsumerRegistry } from './outbox-consumer.registry';
import type { OutboxDispatcher } from './outbox-dispatcher';
import type { OutboxService } from './outbox.service';
import { TransactionalEvents } from './transactional-events';

const event = (eventName: string): DomainEvent => ({
  eventName,
  eventId: `id-${eventName}`,
  workspaceId: 'w',
  occurredAt: '2026-12-02T00:00:00.000Z',
  aggregateType: 'contact',
  aggregateId: 'c',
  sequence: 1,
});

/** Consumers by event name, as the registry would have them. */
const CONSUMERS: Record<string, string[]> = {
  'contact.created': ['conversations', 'webhooks'],
  'contact.deleted': ['webhooks', 'broker'],
  'message.received': [],
};

describe('TransactionalEvents', () => {
  let kick: jest.Mock;
  let enqueue: jest.Mock;
  let events: TransactionalEvents;

  beforeEach(() => {
    kick = jest.fn();
    enqueue = jest.fn(() => Promise.resolve());
    // One transaction: one query runner, which a savepoint within it shares.
    const dataSource = {
      transaction: <T>(work: (manager: EntityManager) => Promise<T>) =>
        work({ queryRunner: {} } as EntityManager),
    };
    events = new TransactionalEvents(
      dataSource as unknown as DataSource,
      { enqueue } as unknown as OutboxService,
      { kick } as unknown as OutboxDispatcher,
      { consumersOf: (name: string) => CONSUMERS[name] ?? [] } as unknown as OutboxConsumerRegistry,
    );
  });

  it('after the commit, kicks the lanes of the consumers its events have, and no other', async () => {
    await events.run((_, record) => {
      record(event('contact.created'));
      record(event('contact.deleted'));
      return Promise.resolve();
    });
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(kick).toHaveBeenCalledTimes(1);
    expect([...(kick.mock.calls[0][0] as Set<string>)].sort()).toEqual([
      'broker',
      'conversations',
      'webhooks',
    ]);
  });

  it('kicks the lanes of the events written by a join within it (a contact a message creates)', async () => {
    await events.run(async (manager) => {
      await events.join(manager, (_, record) => {
        record(event('contact.created'));
        return Promise.resolve();
      });
    });
    expect([...(kick.mock.calls[0][0] as Set<string>)].sort()).toEqual([
      'conversations',
      'webhooks',
    ]);
  });

  it('kicks nothing when no consumer has a delivery to make', async () => {
    await events.run((_, record) => {
      record(event('message.received'));
      return Promise.resolve();
    });
    await events.run(() => Promise.resolve());
    expect(kick).not.toHaveBeenCalled();
  });

  it('kicks nothing when the transaction fails', async () => {
    await expect(
      events.run((_, record) => {
        record(event('contact.created'));
        return Promise.reject(new Error('conflict'));
      }),
    ).rejects.toThrow('conflict');
    expect(kick).not.toHaveBeenCalled();
  });
});
