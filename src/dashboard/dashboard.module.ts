import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { DashboardController } from './dashboard.controller';
import { DashboardPersonalData } from './dashboard.personal-data';
import { DashboardSessionsModule } from './sessions/dashboard-sessions.module';

/** The dashboard at `/{workspace-slug}/contacts` (SPEC §13), over the same services as the API. */
@Module({
  imports: [DashboardSessionsModule, ContactsModule, ConversationsModule],
  controllers: [DashboardController],
  providers: [DashboardPersonalData],
})
export class DashboardModule {}
