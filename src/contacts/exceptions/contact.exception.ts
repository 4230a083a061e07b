import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code';

type ContactErrorCode = typeof ErrorCode.ContactNotFound | typeof ErrorCode.ContactExists;

/** A field that already belongs to another contact, and that contact's id. */
export type ContactConflict = {
  /** `phone`, `email`, `additionalPhones.1`, ... */
  field: string;
  contactId: string | null;
};

export class ContactException extends DomainException<ContactErrorCode> {
  static notFound(): ContactException {
    return new ContactException(ErrorCode.ContactNotFound, 'Contact not found');
  }

  static exists(conflicts: ContactConflict[]): ContactException {
    const kinds = conflicts.map(({ field }) => (field === 'phone' || field.startsWith('additionalPhones.') ? 'phone' : 'email'));
    const fields = [...new Set(kinds)].join(' and ');
    return new ContactException(
      ErrorCode.ContactExists,
      `A contact with this ${fields} already exists`,
      conflicts,
    );
  }
}
