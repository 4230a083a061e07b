import { identityFields } from '../contact-conflicts';
import type { ContactValues, NewContact } from '../contact-writer';
import type { MatchField } from '../dto/upsert-contact.dto';
import { type ContactConflict, ContactException } from '../exceptions/contact.exception';

/** One item of a write (an upsert is a batch of one), read and drafted. */
export interface WriteItem {
  /** Its place in the request (a batch's `index`). */
  index: number;
  /** The item as a new contact: what a create inserts, and every phone and email it holds. */
  draft: NewContact;
  /** The fields the item sends: what an update applies. */
  patch: Partial<ContactValues>;
  /** The identities that find the contact it updates; none in create mode. */
  matchOn: readonly MatchField[];
}

/** A live contact holding a phone or email, and in which of its fields. */
export interface IdentityOwner {
  kind: 'phone' | 'email';
  value: string;
  contactId: string;
  field: string;
}

/** An identity (`phone:+2547…`) taken by an earlier item of the request, and that item's contact. */
export type Claims = Map<string, { index: number; contactId: string }>;

export type Step =
  | { kind: 'insert'; item: WriteItem }
  | {
      kind: 'update';
      item: WriteItem;
      contactId: string;
      patch: Partial<ContactValues>;
      matched: { kind: 'phone' | 'email'; value: string }[];
    }
  | { kind: 'fail'; item: WriteItem; error: ContactException };

const keyOf = (kind: string, value: string): string => `${kind}:${value}`;

/**
 * What each item of a write does, in request order, from the owners of its phones and emails as
 * the database holds them (SPEC §11). Pure: the caller reads the owners and carries out the steps.
 *
 * - A phone or email already in an earlier item: 409 `contact_exists` naming the earlier item's
 *   contact (`index` says which item), whatever that item did.
 * - The `matchOn` identities found on two different contacts: 409 `contact_match_ambiguous`.
 * - Found on one: an update of it, with the fields sent (a phone or email it already holds, as an
 *   additional one too, stays where it is).
 * - Found on none: an insert.
 * - Any other identity of the item held by another contact: 409 `contact_exists` naming it, as a
 *   create or update would answer.
 *
 * `claims` carries the identities of earlier items; each planned item adds its own.
 */
export function planWrites(
  items: readonly WriteItem[],
  owners: readonly IdentityOwner[],
  claims: Claims,
): Step[] {
  const ownerOf = new Map(owners.map((owner) => [keyOf(owner.kind, owner.value), owner]));
  return items.map((item): Step => {
    const identities = identityFields(item.draft.contact);

    const earlier: ContactConflict[] = identities.flatMap(({ kind, value, field }) => {
      const claim = claims.get(keyOf(kind, value));
      return claim ? [{ field, contactId: claim.contactId, index: claim.index }] : [];
    });
    if (earlier.length > 0) return { kind: 'fail', item, error: ContactException.exists(earlier) };

    const matches = item.matchOn.flatMap((kind) => {
      const value = item.draft.contact[kind];
      const owner = value ? ownerOf.get(keyOf(kind, value)) : undefined;
      return owner ? [{ kind, value: owner.value, field: kind, contactId: owner.contactId }] : [];
    });
    if (new Set(matches.map((m) => m.contactId)).size > 1) {
      return {
        kind: 'fail',
        item,
        error: ContactException.ambiguousMatch(
          matches.map(({ field, contactId }) => ({ field, contactId })),
        ),
      };
    }
    const target = matches[0]?.contactId;

    const taken: ContactConflict[] = identities.flatMap(({ kind, value, field }) => {
      const owner = ownerOf.get(keyOf(kind, value));
      return owner && owner.contactId !== target ? [{ field, contactId: owner.contactId }] : [];
    });
    if (taken.length > 0) return { kind: 'fail', item, error: ContactException.exists(taken) };

    for (const { kind, value } of identities) {
      claims.set(keyOf(kind, value), {
        index: item.index,
        contactId: target ?? item.draft.contact.id,
      });
    }
    if (target === undefined) return { kind: 'insert', item };

    const patch = { ...item.patch };
    // A primary phone or email the contact holds already, as an additional one: it stays there.
    for (const kind of ['phone', 'email'] as const) {
      const value = patch[kind];
      const owner = value ? ownerOf.get(keyOf(kind, value)) : undefined;
      if (owner && owner.field !== kind) delete patch[kind];
    }
    return {
      kind: 'update',
      item,
      contactId: target,
      patch,
      matched: matches.map(({ kind, value }) => ({ kind, value })),
    };
  });
}
