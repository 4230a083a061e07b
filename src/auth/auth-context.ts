import type { AuthenticatedKey } from '../api-keys/authenticated-key';

/** What a request knows about its caller once the API key guard has accepted the key. */
export type AuthContext = AuthenticatedKey;

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
    /** Set when AuthFailureGuard counted this request's authentication attempt. */
    authAttemptCounted?: boolean;
    /** On a route that counts by item (a batch): how many of its items the rate limit let through. */
    rateLimitGranted?: number;
  }
}
