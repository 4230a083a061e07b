import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../api-keys/scopes';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { isPublic, REQUIRED_SCOPES } from './auth.decorators';

/**
 * Checks the key's scopes against the route's `@RequireScopes`. A route that declares neither
 * scopes nor `@Public()` is refused: forgetting the decorator must close a route, not open it.
 */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublic(this.reflector, context)) return true;

    const required = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) {
      throw new DomainException(ErrorCode.InsufficientScope, 'This route is not open to API keys');
    }
    const granted = context.switchToHttp().getRequest<FastifyRequest>().auth?.scopes;
    const missing = required.filter((scope) => !granted?.has(scope));
    if (missing.length > 0) {
      throw new DomainException(
        ErrorCode.InsufficientScope,
        `This API key lacks the required scope: ${missing.join(', ')}`,
        missing.map((scope) => ({ scope })),
      );
    }
    return true;
  }
}
