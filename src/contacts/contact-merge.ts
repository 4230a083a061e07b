import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteContext } from '../common/context/write-context';
import type { ErrorDetail } from '../common/errors/domain.exception';
import { isId } from '../common/ids/object-id';
import { validateInput, validationException } from '../common/validation/validation';
import { TransactionalEvents } from '../outbox/transactional-events';
import { ContactConflicts } from './contact-conflicts';
import { ContactHistoryRepository } from './contact-history.repository';
import { ContactsRepository } from './contacts.repository';
import { MAX_ADDITIONAL, MAX_TAGS } from './dto/contact-fields.dto';
import { toContactResponse } from './dto/contact.response';
import { MergeContactsDto } from './dto/merge-contacts.dto';
import type { FieldChange } from './entities/contact-history.entity';
import type { ContactEntity } from './entities/contact.entity';
import { ContactMergedEvent } from './events/contact-merged.event';
import { type ContactChanges, ContactUpdatedEvent } from './events/contact-updated.event';
import { ContactException } from './exceptions/contact.exception';
import { ContactReferences } from './references/contact-references';

/** What a merge does to each field of the target (SPEC §10). */
export type MergeOutcome = 'kept' | 'filled' | 'united' | 'moved_to_additional';

export interface MergeReport {
  dryRun: boolean;
  /** The target as it is after the merge (or would be, for a dry run). */
  contact: ContactEntity;
  fields: { field: string; outcome: MergeOutcome; from?: string }[];
  /** What moves from the sources to the target: conversations, messages. */
  moved: Record<string, number>;
  sourceIds: string[];
}

/** Fields a source fills when the target has none, newest source first. */
const FILLABLE = ['lastName', 'company', 'jobTitle', 'website', 'notes', 'lifecycle'] as const;

/**
 * Merges duplicates into one contact (SPEC §10): the target survives, empty fields filled from the
 * sources (newest first), tags united, the sources' phones and emails made additional identities
 * of the target, their conversations and messages moved (ContactReferences), the sources marked
 * merged (deleted, answering 410). One transaction; every contact involved is locked in id order,
 * so merges that cross wait for each other instead of deadlocking, and the later one finds its
 * contacts merged.
 */
@Injectable()
export class ContactMerge {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly entries: ContactHistoryRepository,
    private readonly references: ContactReferences,
    private readonly conflicts: ContactConflicts,
    private readonly events: TransactionalEvents,
  ) {}

  async merge(
    workspaceId: string,
    targetId: string,
    input: unknown,
    context: WriteContext,
  ): Promise<MergeReport> {
    const { sourceIds, dryRun } = validateInput(MergeContactsDto, input);
    assertSources(targetId, sourceIds);
    if (!isId(targetId)) throw ContactException.notFound();
    if (dryRun) {
      const { target, sources } = await this.load(
        this.contacts.manager(),
        workspaceId,
        targetId,
        sourceIds,
        false,
      );
      return {
        ...plan(target, sources),
        dryRun,
        moved: await this.references.count(workspaceId, sourceIds),
        sourceIds,
      };
    }
    let planned: ReturnType<typeof plan> | undefined;
    try {
      return await this.events.run(async (manager, record) => {
        const { target, sources } = await this.load(
          manager,
          workspaceId,
          targetId,
          sourceIds,
          true,
        );
        planned = plan(target, sources);
        const at = new Date(
          Math.max(Date.now(), ...[target, ...sources].map((c) => c.updatedAt.getTime() + 1)),
        );
        for (const source of sources) {
          await this.contacts.update(manager, workspaceId, source.id, {
            mergedInto: target.id,
            deletedAt: at,
            updatedAt: at,
            version: source.version + 1,
          });
          await this.entries.record(
            manager,
            {
              workspaceId,
              contactId: source.id,
              type: 'merged',
              occurredAt: at,
              changes: [{ field: 'mergedInto', old: null, new: target.id }],
            },
            context,
          );
        }
        // The target's version moves by two: one per event (contact.merged, then contact.updated).
        const merged: ContactEntity = {
          ...planned.contact,
          updatedAt: at,
          version: target.version + 2,
        };
        await this.contacts.update(manager, workspaceId, target.id, {
          ...planned.values,
          updatedAt: at,
          version: merged.version,
        });
        const moved = await this.references.move(manager, workspaceId, sourceIds, target.id);
        await this.entries.record(
          manager,
          {
            workspaceId,
            contactId: target.id,
            type: 'merged',
            occurredAt: at,
            changes: [{ field: 'sourceIds', old: null, new: sourceIds }, ...planned.changes],
          },
          context,
        );
        record(
          new ContactMergedEvent(
            workspaceId,
            target.id,
            sourceIds,
            target.version + 1,
            at.toISOString(),
          ),
        );
        const [before, after] = [toContactResponse(target), toContactResponse(merged)];
        const changes: ContactChanges = {};
        for (const key of Object.keys(after) as (keyof typeof after)[]) {
          if (key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
            changes[key] = { from: before[key], to: after[key] };
          }
        }
        record(new ContactUpdatedEvent(workspaceId, after, merged.version, changes));
        return { ...planned, contact: merged, dryRun, moved, sourceIds };
      });
    } catch (error) {
      throw await this.conflicts.translate(error, workspaceId, planned?.contact ?? {}, targetId);
    }
  }

  /** The target and the sources (newest first), locked in id order when `lock`; 404/410 as due. */
  private async load(
    manager: EntityManager,
    workspaceId: string,
    targetId: string,
    sourceIds: string[],
    lock: boolean,
  ) {
    const rows = await this.contacts.findManyIncludingDeleted(
      manager,
      workspaceId,
      [targetId, ...sourceIds],
      lock,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const target = byId.get(targetId);
    if (!target || target.erasedAt) throw ContactException.notFound();
    if (target.mergedInto) {
      throw ContactException.merged(
        (await this.contacts.mergedInto(workspaceId, targetId, manager)) ?? target.mergedInto,
      );
    }
    if (target.deletedAt) throw ContactException.notFound();
    const sources: ContactEntity[] = [];
    for (const [i, id] of sourceIds.entries()) {
      const source = byId.get(id);
      if (!source || source.erasedAt || (source.deletedAt && !source.mergedInto)) {
        throw ContactException.notFound([{ field: `sourceIds.${i}`, contactId: id }]);
      }
      if (source.mergedInto) {
        throw ContactException.merged(
          (await this.contacts.mergedInto(workspaceId, id, manager)) ?? source.mergedInto,
          `sourceIds.${i}`,
        );
      }
      sources.push(source);
    }
    sources.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return { target, sources };
  }
}

function assertSources(targetId: string, sourceIds: string[]): void {
  const problems: ErrorDetail[] = [];
  sourceIds.forEach((id, i) => {
    if (id === targetId) {
      problems.push({ field: `sourceIds.${i}`, message: 'a contact cannot be merged into itself' });
    } else if (sourceIds.indexOf(id) !== i) {
      problems.push({ field: `sourceIds.${i}`, message: `sourceIds.${i} is listed twice` });
    }
  });
  if (problems.length > 0) throw validationException(problems);
}

/** The merged target, the values to write, the report per field and the history's changes. */
function plan(target: ContactEntity, sources: ContactEntity[]) {
  const values: Partial<ContactEntity> = {};
  const fields: MergeReport['fields'] = [];
  const changes: FieldChange[] = [];
  const set = <K extends keyof ContactEntity>(field: K, value: ContactEntity[K]): void => {
    values[field] = value;
    changes.push({ field, old: target[field], new: value });
  };

  fields.push({ field: 'firstName', outcome: 'kept' }); // required: the target always has one
  for (const field of FILLABLE) {
    const donor = target[field] === null ? sources.find((s) => s[field] !== null) : undefined;
    if (donor) set(field, donor[field]);
    fields.push(donor ? { field, outcome: 'filled', from: donor.id } : { field, outcome: 'kept' });
  }
  const tags = [...new Set([...target.tags, ...sources.flatMap((s) => s.tags)])];
  if (tags.length > MAX_TAGS) {
    throw validationException([
      {
        field: 'tags',
        message: `merging would give the contact ${tags.length} tags (at most ${MAX_TAGS})`,
      },
    ]);
  }
  if (tags.length > target.tags.length) set('tags', tags);
  fields.push({ field: 'tags', outcome: tags.length > target.tags.length ? 'united' : 'kept' });

  for (const [primary, additional] of [
    ['phone', 'additionalPhones'],
    ['email', 'additionalEmails'],
  ] as const) {
    const theirs = sources
      .flatMap((s) => [s[primary], ...s[additional]])
      .filter((v): v is string => v !== null);
    const donor = target[primary] === null ? theirs[0] : undefined;
    if (donor !== undefined) set(primary, donor);
    fields.push(
      donor !== undefined
        ? { field: primary, outcome: 'filled' }
        : { field: primary, outcome: 'kept' },
    );
    const own = new Set([values[primary] ?? target[primary], ...target[additional]]);
    const added = [...new Set(theirs.filter((v) => !own.has(v)))];
    if (target[additional].length + added.length > MAX_ADDITIONAL) {
      throw validationException([
        {
          field: additional,
          message: `merging would give the contact ${target[additional].length + added.length} ${additional} (at most ${MAX_ADDITIONAL})`,
        },
      ]);
    }
    if (added.length > 0) set(additional, [...target[additional], ...added]);
    fields.push({ field: additional, outcome: added.length > 0 ? 'moved_to_additional' : 'kept' });
  }
  return { contact: { ...target, ...values }, values, fields, changes };
}
