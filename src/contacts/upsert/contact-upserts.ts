import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteContext } from '../../common/context/write-context';
import type { DomainEvent } from '../../common/events/domain-event';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode, httpStatusOf } from '../../common/errors/error-code';
import { uniqueViolationConstraint } from '../../common/errors/pg-errors';
import { validateInput } from '../../common/validation/validation';
import { type RecordEvent, TransactionalEvents } from '../../outbox/transactional-events';
import { IDENTITIES_KEY } from '../contact-conflicts';
import { type ContactValues, ContactWriter, WRITABLE_FIELDS } from '../contact-writer';
import { ContactsRepository } from '../contacts.repository';
import { BatchContactsDto } from '../dto/batch-contacts.dto';
import { CreateContactDto } from '../dto/create-contact.dto';
import { UpsertContactDto } from '../dto/upsert-contact.dto';
import type { ContactEntity } from '../entities/contact.entity';
import { type Claims, planWrites, type Step, type WriteItem } from './upsert-plan';

/** What one item of a write came to: 201 created, 200 updated, or its error. */
export interface WriteOutcome {
  index: number;
  status: number;
  contact?: ContactEntity;
  error?: DomainException;
}

/** An upsert's contact, and whether it was created (201) or found and updated (200). */
export interface UpsertResult {
  contact: ContactEntity;
  created: boolean;
}

/** How many times a write is planned again after a concurrent writer took one of its identities. */
const ATTEMPTS = 3;
/** PostgreSQL's deadlock_detected: two writers waited on each other's identities; one is rolled back. */
const PG_DEADLOCK = '40P01';

/** A concurrent writer got in between (an identity taken, a target changed): plan again. */
class Replan extends Error {}

function isRace(error: unknown): boolean {
  if (error instanceof Replan || uniqueViolationConstraint(error) === IDENTITIES_KEY) return true;
  const driverError = (error as { driverError?: { code?: string } } | null)?.driverError;
  return driverError?.code === PG_DEADLOCK;
}

/**
 * Upsert and batch (SPEC §11): writes of several contacts in one transaction, each item with its
 * own outcome. The owners of every phone and email of the items are read in one statement, the
 * contacts to update locked (in id order, so that two batches queue rather than deadlock), the
 * plan made (`planWrites`), and the new contacts inserted in one statement. The unique index
 * stays the judge: a concurrent writer that takes one of the identities meanwhile makes the
 * insert fail, and the whole write is planned again under a savepoint, now seeing that writer's
 * contact (an upsert then updates it). After the last attempt, items go one by one.
 */
@Injectable()
export class ContactUpserts {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly writer: ContactWriter,
    private readonly events: TransactionalEvents,
  ) {}

  async upsert(workspaceId: string, input: unknown, context: WriteContext): Promise<UpsertResult> {
    const dto = validateInput(UpsertContactDto, input);
    const item = await this.read(workspaceId, 0, dto, dto.matchOn);
    return this.events.run(async (manager, record) => {
      const [outcome] = await this.write(manager, record, workspaceId, [item], context);
      if (outcome.error) throw outcome.error;
      return { contact: outcome.contact as ContactEntity, created: outcome.status === 201 };
    });
  }

  /**
   * One outcome per item, in order. `allowed`: how many items the caller's rate limit lets
   * through; the items after them are 429 `rate_limited`, unread.
   */
  async batch(
    workspaceId: string,
    input: unknown,
    context: WriteContext,
    allowed = Number.POSITIVE_INFINITY,
  ): Promise<WriteOutcome[]> {
    const { mode, items } = validateInput(BatchContactsDto, input);
    const outcomes: WriteOutcome[] = [];
    const read: WriteItem[] = [];
    for (const [index, body] of items.entries()) {
      if (index >= allowed) {
        outcomes[index] = failed(
          index,
          new DomainException(
            ErrorCode.RateLimited,
            'Over the rate limit of contact creation: retry this item after the time in Retry-After',
          ),
        );
        continue;
      }
      try {
        if (mode === 'upsert') {
          const dto = validateInput(UpsertContactDto, body);
          read.push(await this.read(workspaceId, index, dto, dto.matchOn));
        } else {
          read.push(await this.read(workspaceId, index, validateInput(CreateContactDto, body), []));
        }
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        outcomes[index] = failed(index, error as DomainException<ErrorCode>);
      }
    }
    if (read.length === 0) return outcomes;
    // The transaction's result is the whole answer: an Idempotency-Key stores it with the writes.
    return this.events.run(async (manager, record) => {
      for (const outcome of await this.write(manager, record, workspaceId, read, context)) {
        outcomes[outcome.index] = outcome;
      }
      return outcomes;
    });
  }

  private async read(
    workspaceId: string,
    index: number,
    dto: CreateContactDto,
    matchOn: WriteItem['matchOn'],
  ): Promise<WriteItem> {
    const draft = await this.writer.draft(workspaceId, dto, 'api');
    // The fields sent, with the values the draft resolved (phones read once).
    const patch: Partial<ContactValues> = {};
    for (const field of WRITABLE_FIELDS) {
      if (dto[field] !== undefined) {
        (patch as Record<string, unknown>)[field] = draft.contact[field];
      }
    }
    return { index, draft, patch, matchOn };
  }

  /** The items' outcomes, in `manager`'s transaction; planned again while concurrent writers get in between. */
  private async write(
    manager: EntityManager,
    record: RecordEvent,
    workspaceId: string,
    items: WriteItem[],
    context: WriteContext,
    claims: Claims = new Map(),
  ): Promise<WriteOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      const recorded: DomainEvent[] = [];
      const planned: Claims = new Map(claims);
      try {
        const outcomes = await manager.transaction((savepoint) =>
          this.attempt(
            savepoint,
            (event) => recorded.push(event),
            workspaceId,
            items,
            context,
            planned,
          ),
        );
        for (const [key, claim] of planned) claims.set(key, claim);
        recorded.forEach(record);
        return outcomes;
      } catch (error) {
        if (!isRace(error)) throw error;
        if (attempt < ATTEMPTS) continue;
        if (items.length > 1) {
          return this.oneByOne(manager, record, workspaceId, items, context, claims);
        }
        return [
          failed(
            items[0].index,
            new DomainException(
              ErrorCode.ServiceUnavailable,
              'Concurrent writes kept changing the contacts this item matches: retry it',
              undefined,
              { 'retry-after': '1' },
            ),
          ),
        ];
      }
    }
  }

  /** The last resort under constant races: each item planned and written alone, in order. */
  private async oneByOne(
    manager: EntityManager,
    record: RecordEvent,
    workspaceId: string,
    items: WriteItem[],
    context: WriteContext,
    claims: Claims,
  ): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    for (const item of items) {
      outcomes.push(...(await this.write(manager, record, workspaceId, [item], context, claims)));
    }
    return outcomes;
  }

  private async attempt(
    manager: EntityManager,
    record: RecordEvent,
    workspaceId: string,
    items: WriteItem[],
    context: WriteContext,
    claims: Claims,
  ): Promise<WriteOutcome[]> {
    const phones = items.flatMap(({ draft: { contact } }) => [
      ...(contact.phone ? [contact.phone] : []),
      ...contact.additionalPhones,
    ]);
    const emails = items.flatMap(({ draft: { contact } }) => [
      ...(contact.email ? [contact.email] : []),
      ...contact.additionalEmails,
    ]);
    const owners = await this.contacts.findIdentityOwners(workspaceId, phones, emails, manager);
    const steps = planWrites(items, owners, claims);

    const targets = await this.lockTargets(manager, workspaceId, steps);
    const outcomes: WriteOutcome[] = [];
    const inserts: Step[] = [];
    const updates: Extract<Step, { kind: 'update' }>[] = [];
    for (const step of steps) {
      if (step.kind === 'fail') outcomes.push(failed(step.item.index, step.error));
      else if (step.kind === 'insert') inserts.push(step);
      else updates.push(step);
    }
    const applied = await this.writer.applyMany(
      manager,
      record,
      updates.map((step) => ({
        contact: targets.get(step.contactId) as ContactEntity,
        patch: step.patch,
      })),
      context,
    );
    for (const [i, outcome] of applied.entries()) {
      const { index } = updates[i].item;
      // The rules of a contact, checked before anything was written: this item's 400.
      outcomes.push(
        outcome instanceof DomainException
          ? failed(index, outcome)
          : { index, status: 200, contact: outcome },
      );
    }
    await this.writer.insert(
      manager,
      record,
      inserts.map((step) => step.item.draft),
      context,
    );
    for (const { item } of inserts) {
      outcomes.push({ index: item.index, status: 201, contact: item.draft.contact });
    }
    return outcomes.sort((a, b) => a.index - b.index);
  }

  /**
   * Locks the contacts the plan updates, in id order, and checks that each still holds what
   * matched it (a writer may have changed it between the read of the owners and the lock).
   */
  private async lockTargets(
    manager: EntityManager,
    workspaceId: string,
    steps: Step[],
  ): Promise<Map<string, ContactEntity>> {
    const updates = steps.filter((step) => step.kind === 'update');
    if (updates.length === 0) return new Map();
    const ids = [...new Set(updates.map((step) => step.contactId))];
    const locked = new Map(
      (await this.contacts.findManyIncludingDeleted(manager, workspaceId, ids, true)).map((c) => [
        c.id,
        c,
      ]),
    );
    for (const step of updates) {
      const contact = locked.get(step.contactId);
      const holds = (kind: 'phone' | 'email', value: string): boolean =>
        kind === 'phone'
          ? contact?.phone === value || !!contact?.additionalPhones.includes(value)
          : contact?.email === value || !!contact?.additionalEmails.includes(value);
      if (
        !contact ||
        contact.deletedAt !== null ||
        !step.matched.every(({ kind, value }) => holds(kind, value))
      ) {
        throw new Replan();
      }
    }
    return locked;
  }
}

function failed(index: number, error: DomainException<ErrorCode>): WriteOutcome {
  return { index, status: httpStatusOf(error.code), error };
}
