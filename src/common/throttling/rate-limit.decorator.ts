import { SetMetadata } from '@nestjs/common';
import type { EnvironmentVariables } from '../../config/environment.variables';

/** The setting that holds each named route limit (requests per minute per API key). */
export const RATE_LIMIT_SETTINGS = {
  contactsList: 'RATE_LIMIT_CONTACTS_LIST',
  contactsGet: 'RATE_LIMIT_CONTACTS_GET',
  contactsCreate: 'RATE_LIMIT_CONTACTS_CREATE',
  contactsUpdate: 'RATE_LIMIT_CONTACTS_UPDATE',
} as const satisfies Record<string, keyof EnvironmentVariables>;

export type RateLimitName = keyof typeof RATE_LIMIT_SETTINGS;

export const RATE_LIMIT_NAME = 'rateLimitName';

/**
 * Names the limit of a route. Routes without it get RATE_LIMIT_DEFAULT, counted per route:
 * nothing authenticated is unlimited.
 */
export const RateLimit = (name: RateLimitName): MethodDecorator & ClassDecorator =>
  SetMetadata(RATE_LIMIT_NAME, name);
