import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from './auth-context';
import type { Scope } from './scopes';

export const REQUIRED_SCOPES = 'requiredScopes';

/** The name of the `X-API-Key` security scheme in the OpenAPI document. */
export const API_KEY_SECURITY = 'ApiKey';

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

/** The authenticated caller of the request. */
export const Auth = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<FastifyRequest>().auth;
  if (!auth) throw new Error('Auth() used on a route that is not authenticated');
  return auth;
});
