import { timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { AuthenticatedKey } from './authenticated-key';
import { ALL_SCOPES, isScope, type Scope } from './scopes';
import { isId, newId } from '../common/ids/object-id';
import { WorkspacesService, type EnsureWorkspaceOptions } from '../workspaces/workspaces.service';
import {
  API_KEY_PATTERN,
  type ApiKeyEnvironment,
  displayPrefix,
  generateApiKey,
  hashApiKey,
} from './api-key-format';
import { ApiKeyEntity } from './entities/api-key.entity';
import { KeyRevocations } from './key-revocations';

/** `lastUsedAt` is written at most this often per key (and per instance). */
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * How long an authenticated key is answered from memory. Saves the key query on every request.
 * A revocation reaches every instance within a second through Redis (KeyRevocations), and within
 * this time when Redis is not there.
 */
export const AUTH_CACHE_TTL_MS = 5_000;
const AUTH_CACHE_MAX_KEYS = 10_000;
/** How long, and for how many keys, this instance remembers that a key was valid. */
const VERIFIED_TTL_MS = 60 * 60_000;
const VERIFIED_MAX_KEYS = 50_000;

export interface CreateApiKeyInput extends EnsureWorkspaceOptions {
  workspaceSlug: string;
  scopes: string[];
  name?: string;
  environment?: ApiKeyEnvironment;
}

export interface CreatedApiKey {
  apiKey: ApiKeyEntity;
  /** The key itself: shown once, never stored. */
  key: string;
}

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly lastTouched = new Map<string, number>();
  /** Hashes of keys seen valid recently and not found revoked since (insertion-ordered, oldest first). */
  private readonly verified = new Map<string, number>();
  /** Key hash → caller, for AUTH_CACHE_TTL_MS. */
  private readonly authenticated = new Map<string, { auth: AuthenticatedKey; until: number }>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly apiKeys: Repository<ApiKeyEntity>,
    private readonly workspaces: WorkspacesService,
    private readonly revocations: KeyRevocations,
  ) {
    revocations.onRevoked((keyHash) => this.forget(keyHash));
  }

  async create(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const unknown = input.scopes.filter((s) => !isScope(s));
    if (input.scopes.length === 0 || unknown.length > 0) {
      throw new Error(
        `${unknown.length > 0 ? `Unknown scope(s): ${unknown.join(', ')}` : 'At least one scope is required'}. Scopes: ${ALL_SCOPES.join(', ')}`,
      );
    }
    const workspace = await this.workspaces.ensure(input.workspaceSlug, input);
    const key = generateApiKey(input.environment ?? 'live');
    const apiKey = this.apiKeys.create({
      id: newId(),
      workspaceId: workspace.id,
      name: input.name ?? null,
      prefix: displayPrefix(key),
      keyHash: hashApiKey(key),
      scopes: [...new Set(input.scopes)],
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.apiKeys.insert(apiKey);
    return { apiKey, key };
  }

  async listByWorkspace(slug: string): Promise<ApiKeyEntity[]> {
    const workspace = await this.workspaces.findBySlug(slug);
    if (!workspace) return [];
    return this.apiKeys.find({ where: { workspaceId: workspace.id }, order: { createdAt: 'ASC' } });
  }

  /** Revokes by key id or by the key itself; returns the revoked key, or null if none matched. */
  async revoke(idOrKey: string): Promise<ApiKeyEntity | null> {
    const where = isId(idOrKey) ? { id: idOrKey } : { keyHash: hashApiKey(idOrKey) };
    const apiKey = await this.apiKeys.findOneBy(where);
    if (!apiKey) return null;
    if (!apiKey.revokedAt) {
      await this.apiKeys.update({ id: apiKey.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    }
    await this.revocations.publish(apiKey.keyHash);
    return this.apiKeys.findOneByOrFail({ id: apiKey.id });
  }

  /**
   * Resolves a presented key to its caller, or undefined for a malformed, unknown or revoked key.
   * The lookup is by SHA-256 of the key, so its timing depends on the hash, not on how much of a
   * real key the caller guessed; the final comparison is constant-time as well.
   */
  async authenticate(presented: string): Promise<AuthenticatedKey | undefined> {
    if (!API_KEY_PATTERN.test(presented)) return undefined;
    const hash = hashApiKey(presented);
    const cached = this.authenticated.get(hash);
    if (cached && cached.until > Date.now()) {
      this.touch(cached.auth.apiKeyId);
      return cached.auth;
    }
    const apiKey = await this.apiKeys.findOne({
      select: {
        id: true,
        workspaceId: true,
        prefix: true,
        keyHash: true,
        scopes: true,
        revokedAt: true,
      },
      where: { keyHash: hash },
    });
    if (
      !apiKey ||
      apiKey.keyHash.length !== hash.length ||
      !timingSafeEqual(Buffer.from(apiKey.keyHash), Buffer.from(hash)) ||
      apiKey.revokedAt
    ) {
      this.forget(hash); // a key once valid here, now revoked, is no longer known valid
      return undefined;
    }
    this.touch(apiKey.id);
    this.rememberVerified(hash);
    const auth: AuthenticatedKey = {
      apiKeyId: apiKey.id,
      keyPrefix: apiKey.prefix,
      workspaceId: apiKey.workspaceId,
      scopes: new Set<Scope>(apiKey.scopes.filter(isScope)),
    };
    if (this.authenticated.size >= AUTH_CACHE_MAX_KEYS) this.authenticated.clear();
    this.authenticated.set(hash, { auth, until: Date.now() + AUTH_CACHE_TTL_MS });
    return auth;
  }

  /**
   * Whether this instance has seen this key valid in the last hour and has not learnt since that
   * it was revoked (by a lookup, a revocation here, or one announced by another process). Only a
   * hint for the failed-authentication limiter (a known key goes on to the real check without
   * counting against its address); it never authenticates anything by itself.
   */
  isKnownValid(presented: string): boolean {
    if (!API_KEY_PATTERN.test(presented)) return false;
    const at = this.verified.get(hashApiKey(presented));
    return at !== undefined && Date.now() - at < VERIFIED_TTL_MS;
  }

  /** Drops a key from the caches: the next request with it is looked up (and limited) again. */
  private forget(hash: string): void {
    this.authenticated.delete(hash);
    this.verified.delete(hash);
  }

  private rememberVerified(hash: string): void {
    this.verified.delete(hash);
    this.verified.set(hash, Date.now());
    if (this.verified.size > VERIFIED_MAX_KEYS) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
  }

  /** Records use of a key without delaying the request, at most once a minute per key. */
  private touch(apiKeyId: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(apiKeyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastTouched.set(apiKeyId, now);
    this.apiKeys
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where('id = :id', { id: apiKeyId })
      .andWhere(`(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`)
      .execute()
      .catch((error: unknown) => this.logger.warn(`Could not record key use: ${String(error)}`));
  }
}
