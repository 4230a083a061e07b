import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkspacesModule } from '../../workspaces/workspaces.module';
import { DashboardSessionEntity, DashboardSignInLinkEntity } from './dashboard-session.entities';
import { DashboardSessions } from './dashboard-sessions';

/** The dashboard's sign-in links and sessions: for the dashboard, and for the CLI that prints links. */
@Module({
  imports: [
    TypeOrmModule.forFeature([DashboardSignInLinkEntity, DashboardSessionEntity]),
    WorkspacesModule,
  ],
  providers: [DashboardSessions],
  exports: [DashboardSessions],
})
export class DashboardSessionsModule {}
