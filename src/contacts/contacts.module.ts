import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { ContactEntity } from './entities/contact.entity';
import { ContactSearchPlanner } from './search/contact-search.planner';

/** Contacts: the public `/v1/contacts` API and `ContactsService`, the internal one. */
@Module({
  imports: [TypeOrmModule.forFeature([ContactEntity]), WorkspacesModule, OutboxModule],
  controllers: [ContactsController],
  providers: [ContactsService, ContactsRepository, ContactSearchPlanner],
  exports: [ContactsService],
})
export class ContactsModule {}
