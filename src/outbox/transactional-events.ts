import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';
import { IdempotencyScope } from '../idempotency/idempotency-scope';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /**
   * A new transaction; its events are dispatched right after it commits. In a request with an
   * Idempotency-Key, the request's first transaction also stores the request's answer, rendered
   * from `work`'s result (IdempotencyScope): the write and its answer commit together.
   */
  async run<T>(work: (manager: EntityManager, record: RecordEvent) => Promise<T>): Promise<T> {
    const scope = IdempotencyScope.current();
    let answered: (() => void) | undefined;
    let result: T;
    try {
      result = await this.dataSource.transaction(async (manager) => {
        const value = await this.join(manager, work);
        answered = await scope?.capture(manager, value);
        return value;
      });
    } catch (error) {
      if (answered) scope?.rolledBack();
      throw error;
    }
    answered?.();
    // The deliveries it starts are not the request's (nor under its Idempotency-Key).
    IdempotencyScope.outside(() => this.dispatcher.kick());
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
    return result;
  }
}
