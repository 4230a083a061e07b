import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RateLimitModule } from '../auth/rate-limit/rate-limit.module';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), RateLimitModule],
  controllers: [HealthController],
})
export class HealthModule {}
