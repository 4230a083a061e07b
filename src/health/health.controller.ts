import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import {
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { RateLimitStore } from '../auth/rate-limit/rate-limit.store';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';

const CHECK_TIMEOUT_MS = 1000;

class LiveResponse {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

class ReadyResponse {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { status: { type: 'string' } },
      additionalProperties: true,
    },
    example: { database: { status: 'up' }, redis: { status: 'up' } },
  })
  checks: Record<string, { status: string }>;
}

/** For the load balancer: public, not rate limited, cheap. */
@Public()
@ApiTags('Health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly store: RateLimitStore,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOkResponse({ type: LiveResponse })
  live(): LiveResponse {
    return { status: 'ok' };
  }

  /** The process can serve requests: the database answers, and Redis when it is configured. */
  @Get('ready')
  @ApiOkResponse({ type: ReadyResponse })
  @ApiErrorResponses(503)
  async ready(): Promise<ReadyResponse> {
    const checks: HealthIndicatorFunction[] = [
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
    ];
    if (this.store.shared) checks.push(() => this.redisCheck());
    try {
      const result = await this.health.check(checks);
      return { status: 'ok', checks: result.details as Record<string, { status: string }> };
    } catch (error) {
      const details = (error as { response?: { details?: Record<string, { status: string }> } }).response?.details ?? {};
      throw new DomainException(
        ErrorCode.ServiceUnavailable,
        'Not ready',
        Object.entries(details).map(([component, { status }]) => ({ component, status })),
      );
    }
  }

  private async redisCheck(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    try {
      await this.store.ping();
      return indicator.up();
    } catch {
      return indicator.down();
    }
  }
}
