import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { validateEnvironment } from '../config/environment.variables';
import { deliveryChannel, type OutboxBatchOutcomes } from './outbox-consumer.decorator';
import { type OutboxBatchHandler, type OutboxConsumerRegistry } from './outbox-consumer.registry';
import { OutboxDispatcher } from './outbox-dispatcher';
import type { ClaimedDelivery, DeliveryFailure, OutboxRepository } from './outbox.repository';

const TIMEOUT_MS = 200;

function delivery(consumer: string, aggregateId: string, sequence: number): ClaimedDelivery {
  return {
    event_id: `event-${aggregateId}-${sequence}`,
    consumer,
    attempts: 1,
    locked_until: '2030-01-01 00:00:00.123+00',
    event_name: 'thing.created',
    payload: { aggregateId, eventId: `event-${aggregateId}-${sequence}` },
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
    Pick<OutboxRepository, 'claimBatch' | 'markDelivered' | 'recordFailures' | 'release' | 'notify'>
  >;
  /** How many times the consumer that never settles was called. */
  let hungCalls: number;
  /** The batch consumers of a test, by name. */
  let batchHandlers: Map<string, OutboxBatchHandler>;
  /** The consumers of a test that are `ordered`. */
  let orderedConsumers: Set<string>;

  /** Each consumer's claim answers its deliveries of `batch` once, then nothing. */
  const dispatcherWith = (batch: ClaimedDelivery[], settings: Record<string, string> = {}) => {
    const claimed = new Set<string>();
    outbox.claimBatch.mockImplementation((consumer) => {
      if (claimed.has(consumer)) return Promise.resolve([]);
      claimed.add(consumer);
      return Promise.resolve(batch.filter((d) => d.consumer === consumer));
    });
    const config = validateEnvironment({
      OUTBOX_DISPATCH: 'false',
      OUTBOX_DELIVERY_TIMEOUT_MS: String(TIMEOUT_MS),
      OUTBOX_LEASE_MS: '10000',
      ...settings,
    });
    const consumers = [...new Set(batch.map((d) => d.consumer))].sort();
    return new OutboxDispatcher(outbox as unknown as OutboxRepository, emitter, config, {
      allConsumers: () => consumers,
      isOrdered: (consumer: string) => orderedConsumers.has(consumer),
      batchHandler: (consumer: string) => batchHandlers.get(consumer),
    } as unknown as OutboxConsumerRegistry);
  };
  const failuresRecorded = (): DeliveryFailure[] =>
    outbox.recordFailures.mock.calls.flatMap(([failures]) => failures);
  const delivered = (): ClaimedDelivery[] =>
    outbox.markDelivered.mock.calls.flatMap(([deliveries]) => deliveries as ClaimedDelivery[]);

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    hungCalls = 0;
    batchHandlers = new Map();
    orderedConsumers = new Set();
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
      claimBatch: jest.fn(),
      markDelivered: jest.fn(() => Promise.resolve({ lost: [], later: false })),
      recordFailures: jest.fn(() => Promise.resolve([])),
      release: jest.fn(() => Promise.resolve()),
      notify: jest.fn(() => Promise.resolve()),
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
    expect(failuresRecorded()).toHaveLength(2);
    expect(failuresRecorded()).toContainEqual({
      delivery: hung,
      error: `Timed out after ${TIMEOUT_MS} ms (OUTBOX_DELIVERY_TIMEOUT_MS): the consumer did not settle`,
      retryInMs: expect.any(Number),
      parked: false,
    });
    expect(delivered()).toEqual(
      expect.arrayContaining(others.filter((d) => d.consumer === 'works')),
    );
    expect(delivered()).toHaveLength(3);
    // Each consumer's results in one statement per kind.
    expect(outbox.recordFailures).toHaveBeenCalledTimes(1);
  });

  it('never waits longer than the lease for a consumer', async () => {
    const dispatcher = dispatcherWith([delivery('hangs', 'a', 1)], {
      OUTBOX_DELIVERY_TIMEOUT_MS: '600000',
      OUTBOX_LEASE_MS: '300',
    });
    await within(dispatcher.drain(), 2000, 'the drain');
    expect(failuresRecorded()).toEqual([
      expect.objectContaining({ error: expect.stringMatching(/^Timed out after 300 ms/) }),
    ]);
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
    expect(failuresRecorded()).toHaveLength(1);
    expect(outbox.release).toHaveBeenCalledWith(lane.slice(1));
    expect(outbox.claimBatch).toHaveBeenCalledTimes(1);
  });

  it('a drain called directly stops after the batch in hand once the application shuts down', async () => {
    const lane = [1, 2, 3].map((sequence) => delivery('hangs', 'a', sequence));
    const dispatcher = dispatcherWith(lane, { OUTBOX_CONCURRENCY: '1' });
    // What is given back is due again at once: a drain that went on would claim it forever.
    outbox.claimBatch
      .mockReset()
      .mockImplementation(() => new Promise((resolve) => setTimeout(() => resolve(lane), 1)));
    const drained = dispatcher.drain();
    while (hungCalls === 0) await new Promise((r) => setTimeout(r, 5));
    await dispatcher.beforeApplicationShutdown();
    await within(drained, 2000, 'the drain');
    expect(outbox.claimBatch).toHaveBeenCalledTimes(1);
    expect(outbox.release).toHaveBeenCalledWith(lane.slice(1));
  });

  it('drops, with a warning, the results of a claim that lost its lease', async () => {
    const late = [delivery('throws', 'a', 1), delivery('works', 'b', 2)];
    const dispatcher = dispatcherWith(late);
    outbox.recordFailures.mockImplementation((failures) =>
      Promise.resolve(failures.map((f) => f.delivery)),
    );
    outbox.markDelivered.mockImplementation((deliveries) =>
      Promise.resolve({ lost: deliveries, later: false }),
    );
    await within(dispatcher.drain(), 2000, 'the drain');
    const dropped = warn.mock.calls
      .map(([message]) => String(message))
      .filter((m) => m.includes('result dropped'))
      .sort();
    expect(dropped).toEqual([
      expect.stringContaining(
        'throws failed (inbox index is down) on thing.created event-a-1 (attempt 1)',
      ),
      expect.stringContaining('works delivered on thing.created event-b-2 (attempt 1)'),
    ]);
  });

  it('a slow consumer holds up only its own lane', async () => {
    const dispatcher = dispatcherWith([delivery('hangs', 'a', 1), delivery('works', 'b', 1)], {
      OUTBOX_DISPATCH: 'true',
      OUTBOX_DELIVERY_TIMEOUT_MS: '1000',
    });
    dispatcher.onApplicationBootstrap();
    await within(
      (async () => {
        while (delivered().length === 0) await new Promise((r) => setTimeout(r, 5));
      })(),
      500,
      'the fast consumer',
    );
    expect(delivered()).toEqual([delivery('works', 'b', 1)]);
    expect(hungCalls).toBe(1);
    const stopped = dispatcher.beforeApplicationShutdown();
    await within(stopped, 2000, 'the shutdown');
  });

  describe('a batch consumer', () => {
    const batch = ['a', 'b', 'c', 'd'].map((id, i) => delivery('batch', id, i + 1));

    it('gets the whole claim in one call, and each event is settled by its own outcome', async () => {
      const calls: (readonly Record<string, unknown>[])[] = [];
      batchHandlers.set('batch', (events) => {
        calls.push(events);
        return events.map((event) => {
          if (event.aggregateId === 'b') return Promise.reject(new Error('b is bad'));
          if (event.aggregateId === 'c') return new Promise<void>(() => undefined); // hangs
          return Promise.resolve();
        });
      });
      const dispatcher = dispatcherWith(batch);
      const started = Date.now();
      await within(dispatcher.drain(), 2000, 'the drain');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2);
      expect(calls).toEqual([batch.map((d) => d.payload)]);
      expect(delivered()).toEqual([batch[0], batch[3]]);
      expect(outbox.markDelivered).toHaveBeenCalledTimes(1);
      expect(failuresRecorded()).toEqual([
        { delivery: batch[1], error: 'b is bad', retryInMs: expect.any(Number), parked: false },
        {
          delivery: batch[2],
          error: expect.stringMatching(/^Timed out after 200 ms/),
          retryInMs: expect.any(Number),
          parked: false,
        },
      ]);
      expect(outbox.recordFailures).toHaveBeenCalledTimes(1);
    });

    it('a batch consumer that throws, or answers for the wrong number of events, fails the whole batch', async () => {
      for (const handler of [
        (): OutboxBatchOutcomes => {
          throw new Error('publisher down');
        },
        (): Promise<OutboxBatchOutcomes> => Promise.reject(new Error('publisher down')),
        (): OutboxBatchOutcomes => [Promise.resolve()],
      ]) {
        outbox.recordFailures.mockClear();
        outbox.markDelivered.mockClear();
        batchHandlers.set('batch', handler);
        await within(dispatcherWith(batch).drain(), 2000, 'the drain');
        expect(delivered()).toEqual([]);
        expect(failuresRecorded().map((f) => f.delivery)).toEqual(batch);
        expect(failuresRecorded()[0].error).toMatch(/publisher down|answered 1 outcomes for 4/);
      }
    });

    it('parks a delivery after its last attempt', async () => {
      batchHandlers.set('batch', (events) =>
        events.map(() => Promise.reject(new Error('still down'))),
      );
      const last = { ...batch[0], attempts: 3 };
      await within(dispatcherWith([last], { OUTBOX_MAX_ATTEMPTS: '3' }).drain(), 2000, 'the drain');
      expect(failuresRecorded()).toEqual([expect.objectContaining({ parked: true })]);
    });
  });

  describe('claims again after a batch', () => {
    const claims = () => outbox.claimBatch.mock.calls.length;

    it('not when the claim was short: it took everything due', async () => {
      const dispatcher = dispatcherWith(['a', 'b'].map((id, i) => delivery('works', id, i + 1)));
      await within(dispatcher.drain(), 2000, 'the drain');
      expect(delivered()).toHaveLength(2);
      expect(claims()).toBe(1);
    });

    it('when the claim was full, until one comes back short', async () => {
      const due = ['a', 'b', 'c', 'd', 'e'].map((id, i) => delivery('works', id, i + 1));
      const dispatcher = dispatcherWith(due, { OUTBOX_BATCH_SIZE: '2' });
      const left = [...due];
      outbox.claimBatch.mockImplementation((_consumer, _ordered, _lease, limit) =>
        Promise.resolve(left.splice(0, limit)),
      );
      await within(dispatcher.drain(), 2000, 'the drain');
      expect(delivered()).toEqual(due);
      expect(claims()).toBe(3);
    });

    it('for an ordered consumer, when an aggregate delivered has its next event pending', async () => {
      orderedConsumers.add('works');
      const first = ['a', 'b'].map((id, i) => delivery('works', id, i + 1));
      const next = delivery('works', 'a', 3);
      const dispatcher = dispatcherWith(first);
      const claimsLeft = [first, [next]];
      outbox.claimBatch.mockImplementation(() => Promise.resolve(claimsLeft.shift() ?? []));
      // The recording of a's first event finds its next one pending; that of the next, none.
      outbox.markDelivered.mockImplementation((deliveries) =>
        Promise.resolve({ lost: [], later: deliveries.includes(first[0]) }),
      );
      await within(dispatcher.drain(), 2000, 'the drain');
      expect(delivered()).toEqual([...first, next]);
      expect(outbox.markDelivered.mock.calls.map(([, ordered]) => ordered)).toEqual([true, true]);
      expect(claims()).toBe(2);
    });

    it('not for an ordered consumer whose aggregates have nothing later pending', async () => {
      orderedConsumers.add('works');
      const dispatcher = dispatcherWith(['a', 'b'].map((id, i) => delivery('works', id, i + 1)));
      await within(dispatcher.drain(), 2000, 'the drain');
      expect(delivered()).toHaveLength(2);
      expect(claims()).toBe(1);
    });
  });

  it('in a process that does not dispatch, a kick wakes the processes that do', () => {
    const wakeUp = { notify: jest.fn(), listen: jest.fn(), close: jest.fn() };
    const dispatcher = new OutboxDispatcher(
      outbox as unknown as OutboxRepository,
      emitter,
      validateEnvironment({ OUTBOX_DISPATCH: 'false' }),
      { allConsumers: () => [] } as unknown as OutboxConsumerRegistry,
      wakeUp as never,
    );
    dispatcher.onApplicationBootstrap();
    dispatcher.kick();
    expect(wakeUp.notify).toHaveBeenCalledTimes(1);
    expect(wakeUp.listen).not.toHaveBeenCalled();
  });
});
