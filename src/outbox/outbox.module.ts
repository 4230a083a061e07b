import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxConsumerRegistry } from './outbox-consumer.registry';
import { OutboxDeliveryEntity } from './outbox-delivery.entity';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxEventEntity } from './outbox-event.entity';
import { OutboxWakeUp } from './outbox-wake-up';
import { OutboxPersonalData } from './outbox.personal-data';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { TransactionalEvents } from './transactional-events';

/**
 * The transactional outbox: events written with the change, delivered after commit to the
 * `@OnOutboxEvent` and `@OnOutboxBatch` consumers. Imported by the modules that record events (TransactionalEvents).
 */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEventEntity, OutboxDeliveryEntity]), DiscoveryModule],
  providers: [
    OutboxService,
    OutboxRepository,
    OutboxDispatcher,
    OutboxWakeUp,
    OutboxConsumerRegistry,
    TransactionalEvents,
    OutboxPersonalData,
  ],
  exports: [TransactionalEvents, OutboxDispatcher],
})
export class OutboxModule {}
