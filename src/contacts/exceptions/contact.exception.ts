import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code';

type ContactErrorCode = typeof ErrorCode.ContactNotFound | typeof ErrorCode.ContactExists;

export class ContactException extends DomainException<ContactErrorCode> {
  static notFound(): ContactException {
    return new ContactException(ErrorCode.ContactNotFound, 'Contact not found');
  }

  /** `conflicts`: one `{ field, contactId }` per field that already belongs to another contact. */
  static exists(conflicts: { field: 'phone' | 'email'; contactId: string | null }[]): ContactException {
    const fields = conflicts.map((c) => c.field).join(' and ');
    return new ContactException(
      ErrorCode.ContactExists,
      `A contact with this ${fields} already exists`,
      conflicts,
    );
  }
}
