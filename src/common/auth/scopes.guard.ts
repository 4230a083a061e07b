import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';
import { IS_PUBLIC, REQUIRED_SCOPES } from './auth.decorators';
import type { Scope } from './scopes';

/**
 * Checks the key's scopes against the route's `@RequireScopes`. A route that declares neither
 * scopes nor `@Public()` is refused: forgetting the decorator must close a route, not open it.
 */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const required = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, targets);
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
