import type { OpenAPIObject } from '@nestjs/swagger';
import type { EnvironmentVariables } from '../../config/environment.variables';
import { configuredLimit, RATE_LIMIT_EXTENSION, type RateLimitName } from './route-limits';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/**
 * Writes each authenticated operation's limit into its description, with the figure this
 * instance is configured with (the limits are settings, so the document cannot hard-code them).
 */
export function documentRateLimits(
  document: OpenAPIObject,
  config: EnvironmentVariables,
): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method] as
        (Record<string, unknown> & { description?: string }) | undefined;
      if (!operation?.security) continue; // public routes are not limited
      const { perMinute, setting } = configuredLimit(
        config,
        operation[RATE_LIMIT_EXTENSION] as RateLimitName | undefined,
      );
      const limit = `Rate limit: ${perMinute} requests per minute per API key (setting \`${setting}\`).`;
      operation.description = operation.description ? `${operation.description} ${limit}` : limit;
    }
  }
  return document;
}
