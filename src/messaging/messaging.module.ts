import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessageEntity } from '../conversations/entities/message.entity';
import { MessagesContactListener } from './listeners/contact-changed.listener';
import { MessagesController } from './messages.controller';
import { MessagingService } from './messaging.service';
import { AcceptAllChannelProvider, CHANNEL_PROVIDER } from './providers/channel-provider';

/** Messaging: `POST /v1/messages`, delivery through a channel provider. */
@Module({
  imports: [TypeOrmModule.forFeature([MessageEntity]), ContactsModule, ConversationsModule],
  controllers: [MessagesController],
  providers: [
    MessagingService,
    MessagesContactListener,
    { provide: CHANNEL_PROVIDER, useClass: AcceptAllChannelProvider },
  ],
})
export class MessagingModule {}
