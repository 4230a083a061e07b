import { Injectable } from '@nestjs/common';
import { uniqueViolationConstraint } from '../common/errors/pg-errors';
import { ContactsRepository } from './contacts.repository';
import { type ContactConflict, ContactException } from './exceptions/contact.exception';

/** The unique index behind every phone and email of live contacts (kept by triggers). */
export const IDENTITIES_KEY = 'pk_contact_identities';

/** The phones and emails a write gives a contact, by the field they are in. */
export interface IdentityValues {
  phone?: string | null;
  email?: string | null;
  additionalPhones?: string[];
  additionalEmails?: string[];
}

/** Each phone and email of a write with its field path (`phone`, `additionalPhones.1`). */
export function identityFields(
  values: IdentityValues,
): { kind: 'phone' | 'email'; value: string; field: string }[] {
  return [
    ...(values.phone ? [{ kind: 'phone' as const, value: values.phone, field: 'phone' }] : []),
    ...(values.email ? [{ kind: 'email' as const, value: values.email, field: 'email' }] : []),
    ...(values.additionalPhones ?? []).map((value, i) => ({
      kind: 'phone' as const,
      value,
      field: `additionalPhones.${i}`,
    })),
    ...(values.additionalEmails ?? []).map((value, i) => ({
      kind: 'email' as const,
      value,
      field: `additionalEmails.${i}`,
    })),
  ];
}

/** Translates the database's unique violations into 409 `contact_exists` (SPEC §4, §10). */
@Injectable()
export class ContactConflicts {
  constructor(private readonly contacts: ContactsRepository) {}

  /**
   * Maps a violation of the identities' uniqueness to 409 `contact_exists`, naming every field of
   * the write whose value already belongs to another live contact, and that contact; any other
   * error passes through.
   */
  async translate(
    error: unknown,
    workspaceId: string,
    values: IdentityValues,
    excludeId?: string,
  ): Promise<unknown> {
    if (uniqueViolationConstraint(error) !== IDENTITIES_KEY) return error;
    const written = identityFields(values);
    const owners = await this.contacts.findIdentityOwners(
      workspaceId,
      written.filter((w) => w.kind === 'phone').map((w) => w.value),
      written.filter((w) => w.kind === 'email').map((w) => w.value),
    );
    const conflicts: ContactConflict[] = [];
    for (const { kind, value, field } of written) {
      const owner = owners.find(
        (o) => o.kind === kind && o.value === value && o.contactId !== excludeId,
      );
      if (owner) conflicts.push({ field, contactId: owner.contactId });
    }
    // The owner may have been deleted since the violation; never answer with an empty 409.
    if (conflicts.length === 0) {
      conflicts.push({ field: written[0]?.field ?? 'phone', contactId: null });
    }
    return ContactException.exists(conflicts);
  }
}
