import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { PersonalDataRegistry } from './personal-data.registry';

/** The registry of personal data (SPEC §9's erasure): each module declares its tables. */
@Module({
  imports: [DiscoveryModule],
  providers: [PersonalDataRegistry],
  exports: [PersonalDataRegistry],
})
export class PrivacyModule {}
