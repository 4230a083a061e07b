import type { Scope } from './scopes';

/** What a request knows about its caller once the API key guard has accepted the key. */
export interface AuthContext {
  apiKeyId: string;
  /** Display prefix of the key (`saf_live_AbC123`): safe to log, never the key. */
  keyPrefix: string;
  workspaceId: string;
  scopes: ReadonlySet<Scope>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}
