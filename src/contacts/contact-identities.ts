import { Injectable } from '@nestjs/common';
import type { ErrorDetail } from '../common/errors/domain.exception';
import { validationException } from '../common/validation/validation';
import { WorkspacesService } from '../workspaces/workspaces.service';
import type { IdentityValues } from './contact-conflicts';
import {
  isInternationalPhone,
  normalizePhone,
  PHONE_PROBLEM_MESSAGES,
} from './utils/normalize-phone.util';

/** A phone as stored (canonical E.164), and whether a variant rule rewrote what was typed. */
export interface ResolvedPhone {
  e164: string;
  variant: boolean;
}

/** Reads a contact's phones (with the workspace's default country) and checks its identities. */
@Injectable()
export class ContactIdentities {
  constructor(private readonly workspaces: WorkspacesService) {}

  /** A phone as typed, in canonical E.164; a 400 naming `field` otherwise. */
  async phone(workspaceId: string, raw: string, field = 'phone'): Promise<ResolvedPhone> {
    const [resolved] = await this.phones(workspaceId, [raw], () => field);
    return resolved;
  }

  /** Each phone as typed, in canonical E.164; one 400 naming every field that cannot be read. */
  async phones(
    workspaceId: string,
    raws: string[],
    fieldOf: (index: number) => string,
  ): Promise<ResolvedPhone[]> {
    const country = raws.every(isInternationalPhone)
      ? undefined
      : (await this.workspaces.findById(workspaceId))?.defaultCountry;
    const problems: ErrorDetail[] = [];
    const resolved = raws.map((raw, i) => {
      const result = normalizePhone(raw, country);
      if (result.ok) return { e164: result.e164, variant: result.variant };
      const field = fieldOf(i);
      problems.push({
        field,
        message: PHONE_PROBLEM_MESSAGES[result.problem].replace(/^phone/, field),
      });
      return { e164: '', variant: false };
    });
    if (problems.length > 0) throw validationException(problems);
    return resolved;
  }

  /**
   * A contact holds each phone and email once: an additional value equal to the primary one, or
   * to another additional one, is a 400 naming the later field.
   */
  assertDistinct(values: Required<IdentityValues>): void {
    const problems: ErrorDetail[] = [];
    const check = (primary: string | null, additional: string[], name: string): void => {
      const seen = new Set(primary ? [primary] : []);
      additional.forEach((value, i) => {
        if (seen.has(value)) {
          problems.push({
            field: `${name}.${i}`,
            message: `${name}.${i} is already one of the contact's ${name === 'additionalPhones' ? 'phones' : 'emails'}`,
          });
        }
        seen.add(value);
      });
    };
    check(values.phone, values.additionalPhones, 'additionalPhones');
    check(values.email, values.additionalEmails, 'additionalEmails');
    if (problems.length > 0) throw validationException(problems);
  }
}
