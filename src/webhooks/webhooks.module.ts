import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, SystemClock } from '../common/time/clock';
import { OutboxModule } from '../outbox/outbox.module';
import { WebhookAttemptEntity } from './entities/webhook-attempt.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookFanOut } from './webhook-fan-out.consumer';
import { WebhooksController } from './webhooks.controller';
import { WebhooksPersonalData } from './webhooks.personal-data';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks (SPEC §12): customers' endpoints (`/v1/webhooks`), the fan-out of each contact event
 * into one delivery per endpoint (an ordered outbox consumer), and the dispatcher that sends them.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([WebhookEndpointEntity, WebhookDeliveryEntity, WebhookAttemptEntity]),
    OutboxModule,
  ],
  controllers: [WebhooksController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    WebhooksService,
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookDispatcher,
    WebhookFanOut,
    WebhooksPersonalData,
  ],
  exports: [WebhookDispatcher, WebhookEndpointsRepository, WebhookDeliveriesRepository],
})
export class WebhooksModule {}
