import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RateLimitModule } from '../auth/rate-limit/rate-limit.module';
import { DatabasePing } from './database-ping';
import { HealthController } from './health.controller';
import { ServiceLifecycle } from './service-lifecycle';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), RateLimitModule],
  controllers: [HealthController],
  providers: [ServiceLifecycle, DatabasePing],
  exports: [ServiceLifecycle, DatabasePing],
})
export class HealthModule {}
