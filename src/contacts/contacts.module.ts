import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ContactConflicts } from './contact-conflicts';
import { ContactFeed } from './contact-feed';
import { ContactHistoryRepository } from './contact-history.repository';
import { ContactIdentities } from './contact-identities';
import { ContactLifecycle } from './contact-lifecycle';
import { ContactMerge } from './contact-merge';
import { ContactRetention } from './contact-retention';
import { ContactsController } from './contacts.controller';
import { ContactWriter } from './contact-writer';
import { ContactUpserts } from './upsert/contact-upserts';
import { ContactsPersonalData } from './contacts.personal-data';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { ContactHistoryEntity } from './entities/contact-history.entity';
import { ContactIdentityEntity } from './entities/contact-identity.entity';
import { ContactEntity } from './entities/contact.entity';
import { ContactReferences } from './references/contact-references';
import { ContactSearchPlanner } from './search/contact-search.planner';

/** Contacts: the public `/v1/contacts` API and `ContactsService`, the internal one. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ContactEntity, ContactHistoryEntity, ContactIdentityEntity]),
    DiscoveryModule,
    WorkspacesModule,
    OutboxModule,
    PrivacyModule,
  ],
  controllers: [ContactsController],
  providers: [
    ContactsService,
    ContactsRepository,
    ContactHistoryRepository,
    ContactSearchPlanner,
    ContactConflicts,
    ContactIdentities,
    ContactWriter,
    ContactUpserts,
    ContactLifecycle,
    ContactMerge,
    ContactFeed,
    ContactReferences,
    ContactRetention,
    ContactsPersonalData,
  ],
  exports: [ContactsService],
})
export class ContactsModule {}
