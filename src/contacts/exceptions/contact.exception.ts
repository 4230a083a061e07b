import { DomainException, type ErrorDetail } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { etagOf } from '../../common/http/entity-tags';

type ContactErrorCode =
  | typeof ErrorCode.ContactNotFound
  | typeof ErrorCode.ContactExists
  | typeof ErrorCode.ContactMerged
  | typeof ErrorCode.ContactMatchAmbiguous
  | typeof ErrorCode.PreconditionFailed;

/** A field that already belongs to another contact, and that contact's id. */
export type ContactConflict = {
  /** `phone`, `email`, `additionalPhones.1`, ... */
  field: string;
  contactId: string | null;
  /** In a batch: the earlier item that has the value (its contact is `contactId`). */
  index?: number;
};

export class ContactException extends DomainException<ContactErrorCode> {
  /** `details`: which of several ids was not found (a merge's `sourceIds.1`). */
  static notFound(details?: ErrorDetail[]): ContactException {
    return new ContactException(ErrorCode.ContactNotFound, 'Contact not found', details);
  }

  /**
   * 410: the contact was merged into another; `Link` points clients at it (SPEC §10). `field`:
   * which of several ids was merged (a merge's `sourceIds.1`).
   */
  static merged(mergedInto: string, field?: string): ContactException {
    return new ContactException(
      ErrorCode.ContactMerged,
      'This contact was merged into another one: follow the Link header',
      [field ? { field, mergedInto } : { mergedInto }],
      { link: `</v1/contacts/${mergedInto}>; rel="canonical"` },
    );
  }

  /** 412: a conditional write (If-Match) found the contact at another version; its ETag says which. */
  static preconditionFailed(version: number): ContactException {
    const etag = etagOf(version);
    return new ContactException(
      ErrorCode.PreconditionFailed,
      'The contact has changed since the version in If-Match: fetch it again',
      [{ etag }],
      { etag },
    );
  }

  static exists(conflicts: ContactConflict[]): ContactException {
    const fields = kindsOf(conflicts);
    const earlier = conflicts.find((c) => c.index !== undefined)?.index;
    return new ContactException(
      ErrorCode.ContactExists,
      earlier === undefined
        ? `A contact with this ${fields} already exists`
        : `Item ${earlier} of this batch has this ${fields} already`,
      conflicts,
    );
  }

  /** 409: an upsert's phone finds one contact and its email another; which one to update is not clear. */
  static ambiguousMatch(matches: ContactConflict[]): ContactException {
    return new ContactException(
      ErrorCode.ContactMatchAmbiguous,
      `The ${kindsOf(matches)} sent belong to different contacts: say which to match on (matchOn), or merge them`,
      matches,
    );
  }
}

/** "phone", "email" or "phone and email": the kinds of identities named by `conflicts`. */
function kindsOf(conflicts: ContactConflict[]): string {
  const kinds = conflicts.map(({ field }) =>
    field === 'phone' || field.startsWith('additionalPhones.') ? 'phone' : 'email',
  );
  return [...new Set(kinds)].join(' and ');
}
