import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Whose personal data to erase: a contact, with every phone and email it holds or held. */
export interface ErasureSubject {
  workspaceId: string;
  contactId: string;
  phones: string[];
  emails: string[];
  /** When, and in which request (kept on the tombstone). */
  erasedAt: Date;
  requestId: string | null;
}

/**
 * What a module does with personal data when a contact is erased (SPEC §9). Every module that owns
 * tables provides one (marked `@PersonalDataPolicy()`), naming each of its tables with what an
 * erasure does to it, or why it holds no personal data; `PersonalDataRegistry` refuses to start
 * when a table of the database is named by no policy, so a new table cannot forget erasure.
 */
export interface PersonalDataHolder {
  /** Each table the module owns, and what erasing a contact does to it (or why nothing). */
  readonly tables: Readonly<Record<string, string>>;
  /** Removes the subject's personal values from those tables, inside the erasure's transaction. */
  erase?(manager: EntityManager, subject: ErasureSubject): Promise<void>;
}

export const PERSONAL_DATA_POLICY = 'personalDataPolicy';

/** Marks a provider as its module's PersonalDataHolder. */
export const PersonalDataPolicy = (): ClassDecorator => SetMetadata(PERSONAL_DATA_POLICY, true);

/** What erased text reads as, wherever a value cannot simply be emptied (a message's text). */
export const ERASED_TEXT = '[erased]';
