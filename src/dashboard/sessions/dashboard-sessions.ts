import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { DashboardSessionEntity, DashboardSignInLinkEntity } from './dashboard-session.entities';

/** How long a sign-in link printed by the CLI is valid (SPEC §13). */
export const LINK_VALID_MS = 15 * 60_000;
/** The session cookie. */
export const SESSION_COOKIE = 'safravo_session';

/** A signed-in browser's session, as a request sees it. */
export interface DashboardSession {
  idHash: string;
  workspaceId: string;
  slug: string;
  csrfToken: string;
  expiresAt: Date;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');

/**
 * Sign-in to the dashboard without user accounts (SPEC §13): the CLI makes a one-time link for a
 * workspace; opening it (and confirming) trades it for a session cookie. Links and sessions are
 * stored as SHA-256 hashes only; a link works once, within 15 minutes.
 */
@Injectable()
export class DashboardSessions {
  constructor(
    @InjectRepository(DashboardSignInLinkEntity)
    private readonly links: Repository<DashboardSignInLinkEntity>,
    @InjectRepository(DashboardSessionEntity)
    private readonly sessions: Repository<DashboardSessionEntity>,
    private readonly workspaces: WorkspacesService,
    private readonly config: AppConfig,
  ) {}

  /** A one-time sign-in URL for the workspace; null when there is no such workspace. */
  async createLink(
    slug: string,
    now = new Date(),
  ): Promise<{ url: string; expiresAt: Date } | null> {
    const workspace = await this.workspaces.findBySlug(slug);
    if (!workspace) return null;
    await this.links.delete({ expiresAt: LessThan(now) });
    await this.sessions.delete({ expiresAt: LessThan(now) });
    const secret = token();
    const expiresAt = new Date(now.getTime() + LINK_VALID_MS);
    await this.links.insert({
      tokenHash: sha256(secret),
      workspaceId: workspace.id,
      expiresAt,
      usedAt: null,
    });
    const base = (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(
      /\/+$/,
      '',
    );
    return { url: `${base}/${encodeURIComponent(slug)}/sign-in?token=${secret}`, expiresAt };
  }

  /**
   * Trades a link's token for a new session of its workspace (the link is used up, atomically:
   * two tabs opening it get one session); null when the token is unknown, used, expired, or of
   * another workspace. Returns the cookie value (the only copy of the session id).
   */
  async signIn(
    slug: string,
    secret: string,
  ): Promise<{ cookie: string; session: DashboardSession } | null> {
    const workspace = await this.workspaces.findBySlug(slug);
    if (!workspace || !secret) return null;
    const now = new Date();
    const [rows]: [{ workspace_id: string }[], number] = await this.links.query(
      `UPDATE dashboard_sign_in_links SET used_at = $3 WHERE token_hash = $1 AND workspace_id = $2 AND used_at IS NULL AND expires_at > $3
       RETURNING workspace_id`,
      [sha256(secret), workspace.id, now],
    );
    if (rows.length === 0) return null;
    const cookie = token();
    const entity = {
      idHash: sha256(cookie),
      workspaceId: workspace.id,
      csrfToken: token(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.DASHBOARD_SESSION_HOURS * 3_600_000),
    };
    await this.sessions.insert(entity);
    return { cookie, session: { ...entity, slug } };
  }

  /**
   * The live session a cookie names, for the workspace of `slug`: `none` when there is none (no
   * cookie, unknown, expired); `elsewhere` when it belongs to another workspace (or the slug is
   * unknown), which the dashboard answers with 404.
   */
  async resolve(
    slug: string,
    cookie: string | undefined,
  ): Promise<DashboardSession | 'none' | 'elsewhere'> {
    if (!cookie) return 'none';
    const session = await this.sessions.findOneBy({ idHash: sha256(cookie) });
    if (!session || session.expiresAt <= new Date()) return 'none';
    const workspace = await this.workspaces.findById(session.workspaceId);
    if (!workspace || workspace.slug !== slug) return 'elsewhere';
    return {
      idHash: session.idHash,
      workspaceId: session.workspaceId,
      slug,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  }

  async signOut(session: DashboardSession): Promise<void> {
    await this.sessions.delete({ idHash: session.idHash });
  }
}
