import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { isPublic } from './auth.decorators';

export const API_KEY_HEADER = 'x-api-key';

/**
 * Authenticates every non-public request by its `X-API-Key` and attaches `request.auth`. A
 * missing key is refused here too, after AuthFailureGuard has counted the attempt.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly authFailures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublic(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers[API_KEY_HEADER];
    if (header === undefined || header === '') {
      throw new DomainException(
        ErrorCode.MissingApiKey,
        'Send your API key in the X-API-Key header',
      );
    }
    const auth = typeof header === 'string' ? await this.apiKeys.authenticate(header) : undefined;
    // The attempt was counted against the address by AuthFailureGuard; a failure stays counted.
    if (!auth) {
      throw new DomainException(
        ErrorCode.InvalidApiKey,
        'The API key is invalid or has been revoked',
      );
    }
    if (request.authAttemptCounted) await this.authFailures.succeeded(request.ip);
    request.auth = auth;
    return true;
  }
}
