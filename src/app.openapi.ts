import type { OpenApiFinish } from './common/openapi/setup-openapi';
import { documentRateLimits } from './auth/rate-limit/document-rate-limits';
import type { EnvironmentVariables } from './config/environment.variables';

/**
 * What only the configuration knows: each route's rate limit, and the address the service is
 * reached at (`servers`: PUBLIC_URL, else `http://localhost:<PORT>`), which Swagger UI's "Try it
 * out" and generated clients use as their base URL.
 */
export function finishOpenApiDocument(env: EnvironmentVariables): OpenApiFinish {
  return (document) => {
    const finished = documentRateLimits(document, env);
    finished.servers = env.PUBLIC_URL
      ? [{ url: env.PUBLIC_URL.replace(/\/+$/, ''), description: 'This service (PUBLIC_URL)' }]
      : [
          {
            url: `http://localhost:${env.PORT}`,
            description: 'A local instance (`npm start`); PUBLIC_URL names a deployed one',
          },
        ];
    return finished;
  };
}
