import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { API_KEY_HEADER } from './api-key.guard';
import { isPublic } from './auth.decorators';
import { AuthFailureLimiter } from './auth-failure-limiter';

/**
 * First in the guard chain: counts the authentication attempt against the client address
 * before the key is looked up, and answers 429 when the address has used up its attempts
 * (keys missing, malformed, unknown or revoked all count; ApiKeyGuard takes the attempt back
 * when the key is valid). A key this instance knows to be valid goes through uncounted, so a
 * flood of bad keys from a shared address (an office NAT) does not lock out its valid users; a
 * key stops being known valid the moment it is found revoked.
 */
@Injectable()
export class AuthFailureGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: AuthFailureLimiter,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublic(this.reflector, context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const key = request.headers[API_KEY_HEADER];
    if (typeof key === 'string' && this.apiKeys.isKnownValid(key)) return true;

    const retryAfter = await this.limiter.attempt(request.ip);
    if (retryAfter > 0) {
      void http.getResponse<FastifyReply>().header('retry-after', String(retryAfter));
      throw new DomainException(
        ErrorCode.RateLimited,
        'Too many failed authentications from this address: retry after the time in Retry-After',
      );
    }
    request.authAttemptCounted = true;
    return true;
  }
}
