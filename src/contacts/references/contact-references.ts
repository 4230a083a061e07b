import { Injectable, type OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/**
 * A module whose rows point at contacts (conversations, messages): what a merge moves from the
 * sources to the target. The contacts module knows nothing of those modules; they provide one of
 * these (marked `@ReferencesContacts()`), found at bootstrap.
 */
export interface ContactReferenceHolder {
  /** How many rows of each kind point at these contacts (what a merge of them would move). */
  count(workspaceId: string, contactIds: string[]): Promise<Record<string, number>>;
  /**
   * Points every row that points at `fromIds` at `toId` instead, inside the merge's transaction;
   * how many rows of each kind moved.
   */
  move(
    manager: EntityManager,
    workspaceId: string,
    fromIds: string[],
    toId: string,
  ): Promise<Record<string, number>>;
}

const REFERENCES_CONTACTS = 'referencesContacts';

/** Marks a provider as its module's ContactReferenceHolder. */
export const ReferencesContacts = (): ClassDecorator => SetMetadata(REFERENCES_CONTACTS, true);

/** Every module's ContactReferenceHolder, asked together. */
@Injectable()
export class ContactReferences implements OnModuleInit {
  private holders: ContactReferenceHolder[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.holders = this.discovery
      .getProviders()
      .filter(
        ({ metatype, instance }) =>
          metatype && instance && this.reflector.get<boolean>(REFERENCES_CONTACTS, metatype),
      )
      .map(({ instance }) => instance as ContactReferenceHolder);
  }

  async count(workspaceId: string, contactIds: string[]): Promise<Record<string, number>> {
    const counts = await Promise.all(
      this.holders.map((holder) => holder.count(workspaceId, contactIds)),
    );
    return Object.assign({}, ...counts) as Record<string, number>;
  }

  async move(
    manager: EntityManager,
    workspaceId: string,
    fromIds: string[],
    toId: string,
  ): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const holder of this.holders) {
      Object.assign(moved, await holder.move(manager, workspaceId, fromIds, toId));
    }
    return moved;
  }
}
