import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsController } from './conversations.controller';
import { ConversationsContactReferences } from './conversations.contact-references';
import { ConversationsPersonalData } from './conversations.personal-data';
import { ConversationsService } from './conversations.service';
import { ConversationEntity } from './entities/conversation.entity';
import { MessageEntity } from './entities/message.entity';
import { ConversationsContactListener } from './listeners/conversations-contact.listener';

/** Conversations: threads with an address, linked to contacts by contact-event consumers. */
@Module({
  imports: [TypeOrmModule.forFeature([ConversationEntity, MessageEntity]), ContactsModule],
  controllers: [ConversationsController],
  providers: [
    ConversationsService,
    ConversationsContactListener,
    ConversationsPersonalData,
    ConversationsContactReferences,
  ],
  exports: [ConversationsService],
})
export class ConversationsModule {}
