import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import type { DomainEvent } from './domain-event';

export type RecordEvent = (event: DomainEvent) => void;

/**
 * Runs a unit of work in one database transaction and delivers the domain events it recorded
 * only after that transaction commits: a change that rolls back publishes nothing.
 *
 * The recording point sits inside the transaction on purpose: the transactional outbox writes
 * its rows there, in the same commit as the change.
 */
@Injectable()
export class TransactionalEvents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly emitter: EventEmitter2,
  ) {}

  async run<T>(work: (manager: EntityManager, record: RecordEvent) => Promise<T>): Promise<T> {
    const recorded: DomainEvent[] = [];
    const result = await this.dataSource.transaction((manager) =>
      work(manager, (event) => recorded.push(event)),
    );
    for (const event of recorded) this.emitter.emit(event.eventName, event);
    return result;
  }
}
