import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { RateLimitStore } from '../auth/rate-limit/rate-limit.store';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { AppConfig } from '../config/app-config';
import { DatabasePing } from './database-ping';
import { ServiceLifecycle } from './service-lifecycle';

type ComponentStatus = { status: 'up' | 'down'; impact?: string };

class LiveResponse {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

class ReadyResponse {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description: '`degraded`: serving, with an optional dependency down (see `checks`)',
  })
  status: 'ok' | 'degraded';
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['up', 'down'] }, impact: { type: 'string' } },
      required: ['status'],
    },
    example: {
      database: { status: 'up' },
      redis: { status: 'down', impact: 'rate limits are not enforced until Redis answers' },
    },
  })
  checks: Record<string, ComponentStatus>;
}

/**
 * For the load balancer: public, not rate limited, cheap. `ready` fails only for what stops the
 * instance from serving (the database, or the instance shutting down); Redis is optional for
 * serving (rate limits fail open), so Redis down is reported as degraded, not as not ready: a
 * Redis blip must not take every replica out of the balancer at once.
 */
@Public()
@ApiTags('Health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  /** The last checks and when they started: probes within HEALTH_CHECK_CACHE_MS share them. */
  private last?: { at: number; checks: Promise<Record<string, ComponentStatus>> };

  constructor(
    private readonly database: DatabasePing,
    private readonly store: RateLimitStore,
    private readonly lifecycle: ServiceLifecycle,
    private readonly config: AppConfig,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LiveResponse })
  live(): LiveResponse {
    return { status: 'ok' };
  }

  /** The instance can serve requests: the database answers and it is not shutting down. */
  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: the database answers (503 while it does not, or while shutting down)',
  })
  @ApiOkResponse({ type: ReadyResponse })
  @ApiErrorResponses(503)
  async ready(): Promise<ReadyResponse> {
    if (this.lifecycle.draining) {
      throw new DomainException(ErrorCode.ServiceUnavailable, 'Shutting down', [
        { component: 'instance', status: 'draining' },
      ]);
    }
    const checks = await this.checks();
    if (checks.database.status !== 'up') {
      throw new DomainException(
        ErrorCode.ServiceUnavailable,
        'Not ready',
        Object.entries(checks).map(([component, { status }]) => ({ component, status })),
      );
    }
    const degraded = Object.values(checks).some((check) => check.status !== 'up');
    return { status: degraded ? 'degraded' : 'ok', checks };
  }

  private checks(): Promise<Record<string, ComponentStatus>> {
    const now = Date.now();
    if (!this.last || now - this.last.at >= this.config.HEALTH_CHECK_CACHE_MS) {
      this.last = { at: now, checks: this.runChecks() };
    }
    return this.last.checks;
  }

  private async runChecks(): Promise<Record<string, ComponentStatus>> {
    const [database, redis] = await Promise.all([
      this.database.up().then((up): ComponentStatus => ({ status: up ? 'up' : 'down' })),
      this.store.shared ? this.redisCheck() : undefined,
    ]);
    return redis ? { database, redis } : { database };
  }

  private async redisCheck(): Promise<ComponentStatus> {
    try {
      await this.store.ping();
      return { status: 'up' };
    } catch {
      return { status: 'down', impact: 'rate limits are not enforced until Redis answers' };
    }
  }
}
