import { applyDecorators, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import type { EnvironmentVariables } from '../../config/environment.variables';

/** Every limit counts requests per API key in this window. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * The named route limits and the setting that holds each (requests per minute per API key). A
 * route without `@RateLimit` is limited by RATE_LIMIT_DEFAULT, counted per route: nothing
 * authenticated is unlimited.
 */
export const RATE_LIMIT_SETTINGS = {
  contactsList: 'RATE_LIMIT_CONTACTS_LIST',
  contactsGet: 'RATE_LIMIT_CONTACTS_GET',
  contactsCreate: 'RATE_LIMIT_CONTACTS_CREATE',
  contactsUpdate: 'RATE_LIMIT_CONTACTS_UPDATE',
} as const satisfies Record<string, keyof EnvironmentVariables>;

export type RateLimitName = keyof typeof RATE_LIMIT_SETTINGS;

const RateLimitMetadata = Reflector.createDecorator<RateLimitName>();

/** The OpenAPI extension naming a route's limit (`documentRateLimits` writes its figure). */
export const RATE_LIMIT_EXTENSION = 'x-rate-limit';

/** What a request costs against its route's limit, from the request: one, or its batch's items. */
export type RateLimitCost = (request: { body?: unknown }) => number;

const RateLimitCostMetadata = Reflector.createDecorator<RateLimitCost>();

/**
 * A route whose requests count by the items they carry (SPEC §11: a batch counts against the
 * create limit by item). Read from the body before it is validated, so `cost` bounds itself.
 */
export const RateLimitByItems = (cost: RateLimitCost): MethodDecorator =>
  RateLimitCostMetadata(cost);

/** Names the limit of a route (or of every route of a controller). */
export const RateLimit = (name: RateLimitName): MethodDecorator & ClassDecorator =>
  applyDecorators(RateLimitMetadata(name), ApiExtension(RATE_LIMIT_EXTENSION, name));

/** A route's limit: the name its counters and headers use, and the configured figure. */
export interface RouteLimit {
  name: string;
  /** The setting it comes from (for documentation and messages). */
  setting: keyof EnvironmentVariables;
  perMinute: number;
  /** What a request costs (by item); one unit when absent. */
  cost?: RateLimitCost;
}

/** The configured limit of a named route limit, or of the default. */
export function configuredLimit(
  config: EnvironmentVariables,
  name: RateLimitName | undefined,
): Omit<RouteLimit, 'name'> {
  const setting = name ? RATE_LIMIT_SETTINGS[name] : 'RATE_LIMIT_DEFAULT';
  return { setting, perMinute: config[setting] };
}

/**
 * Resolves each route's limit from its `@RateLimit` and the configuration, once per route handler
 * for the life of the process (routes and settings do not change while it runs).
 */
@Injectable()
export class RouteLimits {
  private readonly byHandler = new WeakMap<object, RouteLimit>();

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  of(context: ExecutionContext): RouteLimit {
    const handler = context.getHandler();
    let limit = this.byHandler.get(handler);
    if (!limit) {
      const named = this.reflector.getAllAndOverride(RateLimitMetadata, [
        handler,
        context.getClass(),
      ]);
      const cost = this.reflector.get(RateLimitCostMetadata, handler) as RateLimitCost | undefined;
      limit = {
        name: named ?? `${context.getClass().name}.${handler.name}`,
        ...configuredLimit(this.config, named),
        ...(cost && { cost }),
      };
      this.byHandler.set(handler, limit);
    }
    return limit;
  }
}
