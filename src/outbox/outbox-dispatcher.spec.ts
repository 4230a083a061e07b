import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { validateEnvironment } from '../config/environment.variables';
import { deliveryChannel } from './outbox-consumer.decorator';
import { type OutboxConsumerRegistry } from './outbox-consumer.registry';
import { OutboxDispatcher } from './outbox-dispatcher';
import type { ClaimedDelivery, OutboxRepository } from './outbox.repository';

const TIMEOUT_MS = 200;

function delivery(consumer: string, aggregateId: string, sequence: number): ClaimedDelivery {
  return {
    event_id: `event-${aggregateId}-${sequence}`,
    consumer,
    attempts: 1,
    locked_until: '2030-01-01 00:00:00.123+00',
    event_name: 'thing.created',
    payload: { aggregateId },
    sequence,
  };
}

/** Rejects when `work` has not settled within `ms`: a test that would hang fails instead. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

describe('OutboxDispatcher', () => {
  let warn: jest.SpyInstance;
  let emitter: EventEmitter2;
  let outbox: jest.Mocked<
    Pick<OutboxRepository, 'claim' | 'markDelivered' | 'recordFailure' | 'release'>
  >;
  /** How many times the consumer that never settles was called. */
  let hungCalls: number;

  const dispatcherWith = (batch: ClaimedDelivery[], settings: Record<string, string> = {}) => {
    outbox.claim.mockResolvedValueOnce(batch).mockResolvedValue([]);
    const config = validateEnvironment({
      OUTBOX_DISPATCH: 'false',
      OUTBOX_DELIVERY_TIMEOUT_MS: String(TIMEOUT_MS),
      OUTBOX_LEASE_MS: '10000',
      ...settings,
    });
    return new OutboxDispatcher(outbox as unknown as OutboxRepository, emitter, config, {
      orderedConsumers: () => [],
      allConsumers: () => ['hangs', 'works'],
    } as unknown as OutboxConsumerRegistry);
  };

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    hungCalls = 0;
    emitter = new EventEmitter2();
    // Consumers are async listeners, as `@OnOutboxEvent` registers them (emitAsync awaits them).
    const consume = (consumer: string, listener: () => Promise<void>) =>
      emitter.on(deliveryChannel('thing.created', consumer), listener as () => void);
    consume('hangs', () => {
      hungCalls++;
      return new Promise<void>(() => undefined);
    });
    consume('works', () => Promise.resolve());
    consume('throws', () => Promise.reject(new Error('inbox index is down')));
    outbox = {
      claim: jest.fn(),
      markDelivered: jest.fn((deliveries: ClaimedDelivery[]) =>
        Promise.resolve(deliveries.filter(() => false)),
      ),
      recordFailure: jest.fn(() => Promise.resolve(true)),
      release: jest.fn(() => Promise.resolve()),
    } as unknown as typeof outbox;
  });
  afterEach(() => warn.mockRestore());

  it('counts a consumer that does not settle within OUTBOX_DELIVERY_TIMEOUT_MS as a failed attempt, and delivers the rest', async () => {
    const hung = delivery('hangs', 'a', 1);
    const others = [
      delivery('works', 'a', 1),
      delivery('hangs', 'b', 2),
      delivery('works', 'b', 2),
      delivery('works', 'c', 3),
    ];
    const dispatcher = dispatcherWith([hung, ...others], { OUTBOX_CONCURRENCY: '2' });

    const started = Date.now();
    await within(dispatcher.drain(), 2000, 'the drain');
    // Both hung consumers ran at the same time, each on its own worker: one timeout, not two.
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2);
    expect(hungCalls).toBe(2);
    expect(outbox.recordFailure).toHaveBeenCalledTimes(2);
    expect(outbox.recordFailure).toHaveBeenCalledWith(
      hung,
      `Timed out after ${TIMEOUT_MS} ms (OUTBOX_DELIVERY_TIMEOUT_MS): the consumer did not settle`,
      expect.any(Number),
      false,
    );
    expect(outbox.markDelivered).toHaveBeenCalledWith(
      expect.arrayContaining(others.filter((d) => d.consumer === 'works')),
    );
    expect(outbox.markDelivered.mock.calls[0][0]).toHaveLength(3);
  });

  it('never waits longer than the lease for a consumer', async () => {
    const dispatcher = dispatcherWith([delivery('hangs', 'a', 1)], {
      OUTBOX_DELIVERY_TIMEOUT_MS: '600000',
      OUTBOX_LEASE_MS: '300',
    });
    await within(dispatcher.drain(), 2000, 'the drain');
    expect(outbox.recordFailure).toHaveBeenCalledWith(
      expect.anything(),
      expect.stringMatching(/^Timed out after 300 ms/),
      expect.any(Number),
      false,
    );
  });

  it('shuts down within the timeout while consumers hang: the deliveries not started are given back', async () => {
    const lane = [1, 2, 3].map((sequence) => delivery('hangs', 'a', sequence));
    const dispatcher = dispatcherWith(lane, { OUTBOX_DISPATCH: 'true', OUTBOX_CONCURRENCY: '1' });
    dispatcher.onApplicationBootstrap(); // kicks a run
    while (hungCalls === 0) await new Promise((r) => setTimeout(r, 5));

    const started = Date.now();
    await within(dispatcher.beforeApplicationShutdown(), 2000, 'the shutdown');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2);
    expect(hungCalls).toBe(1);
    expect(outbox.recordFailure).toHaveBeenCalledTimes(1);
    expect(outbox.release).toHaveBeenCalledWith(lane.slice(1));
    expect(outbox.claim).toHaveBeenCalledTimes(1);
  });

  it('a drain called directly stops after the batch in hand once the application shuts down', async () => {
    const lane = [1, 2, 3].map((sequence) => delivery('hangs', 'a', sequence));
    const dispatcher = dispatcherWith(lane, { OUTBOX_CONCURRENCY: '1' });
    // What is given back is due again at once: a drain that went on would claim it forever.
    outbox.claim
      .mockReset()
      .mockImplementation(() => new Promise((resolve) => setTimeout(() => resolve(lane), 1)));
    const drained = dispatcher.drain();
    while (hungCalls === 0) await new Promise((r) => setTimeout(r, 5));
    await dispatcher.beforeApplicationShutdown();
    await within(drained, 2000, 'the drain');
    expect(outbox.claim).toHaveBeenCalledTimes(1);
    expect(outbox.release).toHaveBeenCalledWith(lane.slice(1));
  });

  it('drops, with a warning, the results of a claim that lost its lease', async () => {
    const late = [delivery('throws', 'a', 1), delivery('works', 'b', 2)];
    const dispatcher = dispatcherWith(late);
    outbox.recordFailure.mockResolvedValue(false);
    outbox.markDelivered.mockImplementation((deliveries) => Promise.resolve(deliveries));
    await within(dispatcher.drain(), 2000, 'the drain');
    const dropped = warn.mock.calls
      .map(([message]) => String(message))
      .filter((m) => m.includes('result dropped'));
    expect(dropped).toEqual([
      expect.stringContaining(
        'throws failed (inbox index is down) on thing.created event-a-1 (attempt 1)',
      ),
      expect.stringContaining('works delivered on thing.created event-b-2 (attempt 1)'),
    ]);
  });
});
