import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCode } from '../common/errors/error-code';
import {
  type ErasureSubject,
  type PersonalDataHolder,
  PersonalDataPolicy,
} from '../privacy/personal-data';
import { IdempotencyRepository } from './idempotency.repository';

/** The idempotency keys' table, and what erasing a contact does to it. */
@Injectable()
@PersonalDataPolicy()
export class IdempotencyPersonalData implements PersonalDataHolder {
  readonly tables = {
    idempotency_keys:
      "every stored answer that names the contact becomes 404 contact_not_found (in a batch's answer, each result that names it), and its request's fingerprint is forgotten: a retry with the key gets that 404 (kept 24 h like any key)",
  };

  constructor(private readonly keys: IdempotencyRepository) {}

  erase(manager: EntityManager, { workspaceId, contactId }: ErasureSubject): Promise<void> {
    return this.keys.replaceAnswersNaming(manager, workspaceId, contactId, {
      status: 404,
      headers: {},
      // requestId is the replaying request's, filled in when it is replayed.
      body: {
        statusCode: 404,
        error: 'Not Found',
        code: ErrorCode.ContactNotFound,
        message: 'Contact not found',
        requestId: '',
      },
    });
  }
}
