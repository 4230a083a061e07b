import { Module } from '@nestjs/common';
import { RateLimitModule } from '../auth/rate-limit/rate-limit.module';
import { HealthModule } from '../health/health.module';
import { Metrics } from './metrics';

/** Prometheus metrics on a port of their own (SPEC §8). */
@Module({ imports: [RateLimitModule, HealthModule], providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
