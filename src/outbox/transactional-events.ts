import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';
import { IdempotencyScope } from '../idempotency/idempotency-scope';
import { OutboxConsumerRegistry } from './outbox-consumer.registry';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxService } from './outbox.service';

export type RecordEvent = (event: DomainEvent) => void;

/**
 * Runs a unit of work in one database transaction together with the outbox rows of the events
 * it records (the transactional outbox): a change that commits has its events, a change that
 * rolls back has none. They are dispatched after the commit.
 */
@Injectable()
export class TransactionalEvents {
  /**
   * The consumers an open `run` transaction (by its query runner) wrote deliveries for, whoever
   * wrote them (a `join` within it too, under a savepoint): the lanes it kicks after its commit.
   */
  private readonly lanesToKick = new WeakMap<QueryRunner, Set<string>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
    private readonly consumers: OutboxConsumerRegistry,
  ) {}

  /**
   * A new transaction; its events are dispatched right after it commits. In a request with an
   * Idempotency-Key, the request's first transaction also stores the request's answer, rendered
   * from `work`'s result (IdempotencyScope): the write and its answer commit together.
   */
  async run<T>(work: (manager: EntityManager, record: RecordEvent) => Promise<T>): Promise<T> {
    const scope = IdempotencyScope.current();
    const lanes = new Set<string>();
    let answered: (() => void) | undefined;
    let result: T;
    try {
      result = await this.dataSource.transaction(async (manager) => {
        if (manager.queryRunner) this.lanesToKick.set(manager.queryRunner, lanes);
        const value = await this.join(manager, work);
        answered = await scope?.capture(manager, value);
        return value;
      });
    } catch (error) {
      if (answered) scope?.rolledBack();
      throw error;
    }
    answered?.();
    // Only the lanes of consumers it wrote deliveries for: the others would claim nothing. The
    // deliveries it starts are not the request's (nor under its Idempotency-Key).
    if (lanes.size > 0) IdempotencyScope.outside(() => this.dispatcher.kick(lanes));
    return result;
  }

  /**
   * Within the caller's transaction (`manager`): the events commit or roll back with it. The
   * caller's own `run` kicks the dispatcher after its commit (polling covers anything else).
   */
  async join<T>(
    manager: EntityManager,
    work: (manager: EntityManager, record: RecordEvent) => Promise<T>,
  ): Promise<T> {
    const recorded: DomainEvent[] = [];
    const result = await work(manager, (event) => recorded.push(event));
    await this.outbox.enqueue(manager, recorded);
    const lanes = manager.queryRunner && this.lanesToKick.get(manager.queryRunner);
    for (const event of recorded) {
      for (const consumer of this.consumers.consumersOf(event.eventName)) lanes?.add(consumer);
    }
    return result;
  }
}
