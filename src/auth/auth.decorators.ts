import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../api-keys/scopes';
import type { WriteContext } from '../common/context/write-context';
import { API_KEY_SECURITY } from '../common/openapi/api-key-security';
import type { AuthContext } from './auth-context';

export const REQUIRED_SCOPES = 'requiredScopes';

/** The scopes a route needs. A non-public route without it is refused (deny by default). */
export const RequireScopes = (...required: [Scope, ...Scope[]]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPES, required),
    // The OpenAPI document states the key and the scope every route needs.
    ApiSecurity(API_KEY_SECURITY),
    ApiExtension('x-required-scopes', required),
  );

export const IS_PUBLIC = 'isPublic';

/** Marks a route (or controller) that needs no API key: health checks, the API reference. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Whether the route being served is `@Public()` (on the handler or its controller). */
export function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return (
    reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]) ?? false
  );
}

/** The authenticated caller of the request. */
export const Auth = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<FastifyRequest>().auth;
  if (!auth) throw new Error('Auth() used on a route that is not authenticated');
  return auth;
});

/** The write context of the request: its API key as the actor, and its request id. */
export const Writer = createParamDecorator(
  (_: unknown, context: ExecutionContext): WriteContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const auth = request.auth;
    if (!auth) throw new Error('Writer() used on a route that is not authenticated');
    return {
      actor: { type: 'api_key', id: auth.apiKeyId, prefix: auth.keyPrefix },
      requestId: request.id,
    };
  },
);
