import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxDeliveryEntity } from './outbox-delivery.entity';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxEventEntity } from './outbox-event.entity';
import { OutboxService } from './outbox.service';
import { TransactionalEvents } from './transactional-events';

/** The transactional outbox: events written with the change, delivered after commit. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEventEntity, OutboxDeliveryEntity])],
  providers: [OutboxService, OutboxDispatcher, TransactionalEvents],
  exports: [TransactionalEvents, OutboxDispatcher],
})
export class OutboxModule {}
