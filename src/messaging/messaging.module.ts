import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { MessagesContactListener } from './listeners/messages-contact.listener';
import { MessagesController } from './messages.controller';
import { MessagingService } from './messaging.service';
import { AcceptAllChannelProvider, CHANNEL_PROVIDER } from './providers/channel-provider';

/** Messaging: `POST /v1/messages`, delivery through a channel provider. */
@Module({
  imports: [ContactsModule, ConversationsModule, OutboxModule],
  controllers: [MessagesController],
  providers: [
    MessagingService,
    MessagesContactListener,
    { provide: CHANNEL_PROVIDER, useClass: AcceptAllChannelProvider },
  ],
})
export class MessagingModule {}
