import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ApiKeysService } from '../../src/api-keys/api-keys.service';
import { ALL_SCOPES, type Scope } from '../../src/api-keys/scopes';
import type { WorkspaceEntity } from '../../src/workspaces/entities/workspace.entity';
import { WorkspacesService } from '../../src/workspaces/workspaces.service';

export interface TestWorkspace {
  workspace: WorkspaceEntity;
  /** A key with `scopes` (all of them by default). */
  apiKey: string;
  apiKeyId: string;
  scopes: Scope[];
  /** Mints another key of this workspace, with other scopes. */
  newKey(scopes: Scope[]): Promise<string>;
}

export interface WorkspaceOptions {
  scopes?: Scope[];
  defaultCountry?: string;
}

/** A fresh workspace with a unique slug and an API key, so tests never share data. */
export async function createWorkspace(
  app: INestApplication,
  { scopes = [...ALL_SCOPES], defaultCountry }: WorkspaceOptions = {},
): Promise<TestWorkspace> {
  const apiKeys = app.get(ApiKeysService);
  const slug = `t-${randomUUID()}`;
  const { apiKey, key } = await apiKeys.create({ workspaceSlug: slug, scopes, defaultCountry });
  const workspace = await app.get(WorkspacesService).findBySlug(slug);
  if (!workspace) throw new Error('workspace was not created');
  return {
    workspace,
    apiKey: key,
    apiKeyId: apiKey.id,
    scopes,
    newKey: async (otherScopes) =>
      (await apiKeys.create({ workspaceSlug: slug, scopes: otherScopes })).key,
  };
}
