import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ApiKeysPersonalData } from './api-keys.personal-data';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyEntity } from './entities/api-key.entity';
import { KeyRevocations } from './key-revocations';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), WorkspacesModule],
  providers: [ApiKeysService, KeyRevocations, ApiKeysPersonalData],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
