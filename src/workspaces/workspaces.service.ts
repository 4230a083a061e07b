import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isSupportedCountry } from 'libphonenumber-js';
import { newId } from '../common/ids/object-id';
import { WorkspaceEntity } from './entities/workspace.entity';

export const WORKSPACE_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;

export interface EnsureWorkspaceOptions {
  name?: string;
  /** ISO-3166 alpha-2; set on creation, and updated on an existing workspace when given. */
  defaultCountry?: string;
}

@Injectable()
export class WorkspacesService {
  constructor(
    @InjectRepository(WorkspaceEntity) private readonly workspaces: Repository<WorkspaceEntity>,
  ) {}

  findById(id: string): Promise<WorkspaceEntity | null> {
    return this.workspaces.findOneBy({ id });
  }

  /** Every workspace, by slug. */
  list(): Promise<WorkspaceEntity[]> {
    return this.workspaces.find({ order: { slug: 'ASC' } });
  }

  findBySlug(slug: string): Promise<WorkspaceEntity | null> {
    return this.workspaces.findOneBy({ slug });
  }

  /**
   * Deletes the workspace with everything in it (contacts, conversations, API keys, webhooks,
   * sessions: the foreign keys cascade); false when there is none. Only `seed:demo --reset` uses
   * it: the API has no such operation.
   */
  async remove(slug: string): Promise<boolean> {
    const { affected } = await this.workspaces.delete({ slug });
    return (affected ?? 0) > 0;
  }

  /** Returns the workspace with this slug, creating it first if it does not exist (race-safe). */
  async ensure(slug: string, options: EnsureWorkspaceOptions = {}): Promise<WorkspaceEntity> {
    if (!WORKSPACE_SLUG_PATTERN.test(slug)) {
      throw new Error(`Invalid workspace slug "${slug}": use lowercase letters, digits and dashes`);
    }
    const country = options.defaultCountry?.toUpperCase();
    if (country !== undefined && (!COUNTRY_PATTERN.test(country) || !isSupportedCountry(country))) {
      throw new Error(
        `Invalid country "${options.defaultCountry}": use an ISO-3166 alpha-2 code with a telephone numbering plan (KE, NG, BR, ...)`,
      );
    }
    await this.workspaces
      .createQueryBuilder()
      .insert()
      .values({ id: newId(), slug, name: options.name ?? slug, defaultCountry: country ?? null })
      .orIgnore()
      .execute();
    if (country !== undefined) await this.workspaces.update({ slug }, { defaultCountry: country });
    return this.workspaces.findOneByOrFail({ slug });
  }
}
