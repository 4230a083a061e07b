import { type DynamicModule, Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { BrokerMessagesRepository } from './broker-messages.repository';
import { BrokerPublisher } from './broker-publisher.consumer';
import { BrokerRetention } from './broker-retention';
import { BrokerPersonalData } from './broker.personal-data';
import { NatsStream, type NatsStreamOptions } from './nats-stream';

/**
 * The message broker (SPEC §12): with NATS_URL set, every contact event is also published to
 * NATS JetStream. Without it, only the (empty) table and its privacy policy are here.
 */
@Module({})
export class BrokerModule {
  static forRoot(nats: NatsStreamOptions | null): DynamicModule {
    return {
      module: BrokerModule,
      imports: [OutboxModule],
      providers: [
        BrokerMessagesRepository,
        BrokerPersonalData,
        ...(nats
          ? [
              { provide: NatsStream, useFactory: () => new NatsStream(nats) },
              BrokerPublisher,
              BrokerRetention,
            ]
          : []),
      ],
      exports: nats ? [NatsStream] : [],
    };
  }
}
