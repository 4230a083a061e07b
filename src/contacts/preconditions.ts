import type { ContactEntity } from './entities/contact.entity';
import { ContactException } from './exceptions/contact.exception';

/** Conditions a write holds to (HTTP's If-Match): the versions the caller's copy may have. */
export interface Preconditions {
  /** Undefined: any version. Else the write happens only if the contact is at one of these. */
  ifMatch?: number[];
}

/** 412 `precondition_failed` when the contact is at a version the caller did not expect. */
export function assertPrecondition(
  contact: Pick<ContactEntity, 'version'>,
  ifMatch: number[] | undefined,
): void {
  if (ifMatch !== undefined && !ifMatch.includes(contact.version)) {
    throw ContactException.preconditionFailed(contact.version);
  }
}
