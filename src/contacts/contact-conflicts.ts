import { Injectable } from '@nestjs/common';
import { uniqueViolationConstraint } from '../common/errors/pg-errors';
import { ContactsRepository } from './contacts.repository';
import { type ContactConflict, ContactException } from './exceptions/contact.exception';

/** The unique index behind each deduplicated field. */
const UNIQUE_FIELD_BY_CONSTRAINT: Record<string, 'phone' | 'email'> = {
  uq_contacts_workspace_phone: 'phone',
  uq_contacts_workspace_email: 'email',
};

/** Translates the database's unique violations into 409 `contact_exists` (SPEC §4). */
@Injectable()
export class ContactConflicts {
  constructor(private readonly contacts: ContactsRepository) {}

  /**
   * Maps a unique violation to 409 `contact_exists`, naming every field that already belongs to
   * another live contact of the workspace and that contact's id; any other error passes through.
   */
  async translate(
    error: unknown,
    workspaceId: string,
    values: { phone?: string | null; email?: string | null },
    excludeId?: string,
  ): Promise<unknown> {
    const field = UNIQUE_FIELD_BY_CONSTRAINT[uniqueViolationConstraint(error) ?? ''];
    if (!field) return error;

    const owners = await this.contacts.findOwners(workspaceId, values, excludeId);
    const conflicts: ContactConflict[] = [];
    for (const f of ['phone', 'email'] as const) {
      const owner = values[f] ? owners.find((c) => c[f] === values[f]) : undefined;
      if (owner) conflicts.push({ field: f, contactId: owner.id });
    }
    // The owner may have been deleted since the violation; never answer with an empty 409.
    if (conflicts.length === 0) conflicts.push({ field, contactId: null });
    return ContactException.exists(conflicts);
  }
}
