import type { Scope } from './scopes';

/** A presented key that `ApiKeysService.authenticate` accepted: who is calling, with what rights. */
export interface AuthenticatedKey {
  apiKeyId: string;
  /** Display prefix of the key (`saf_live_AbC123`): safe to log, never the key. */
  keyPrefix: string;
  workspaceId: string;
  scopes: ReadonlySet<Scope>;
}
