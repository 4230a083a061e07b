/**
 * What the benchmark's ceilings run for get by id, a list page and a create: the service's own
 * statements (the contacts and outbox repositories'), without the service. bench/run.ts runs them
 * straight through a `pg` pool (direct SQL) and bench/bare-server.ts behind bare Fastify routes
 * (bare HTTP), so that both ceilings run the same SQL.
 */
import type { Pool, QueryConfig } from 'pg';
import { newId } from '../src/common/ids/object-id';
import { FIND_BY_ID_SQL, listSql, SqlParams } from '../src/contacts/contacts.sql';
import { type ContactResponse, toContactResponse } from '../src/contacts/dto/contact.response';
import { ContactEntity } from '../src/contacts/entities/contact.entity';
import { ContactCreatedEvent } from '../src/contacts/events/contact-created.event';
import { ENQUEUE_SQL, enqueueParams } from '../src/outbox/outbox.repository';

/** One live contact by id: the service's statement for `GET /v1/contacts/:id`. */
export function getQuery(workspaceId: string, id: string): QueryConfig {
  return { text: FIND_BY_ID_SQL, values: [workspaceId, id] };
}

/**
 * A page of the workspace, newest first: the service's statement for `GET /v1/contacts?page&limit`.
 * Every row carries the total as `__total`; a page past the end is one row with no contact.
 */
export function listQuery(workspaceId: string, limit: number, offset: number): QueryConfig {
  const sql = new SqlParams(workspaceId);
  const text = listSql(sql, limit, offset);
  return { text, values: sql.values };
}

/** The fields the benchmark's creates send. */
export interface NewContact {
  firstName: string;
  lastName?: string | null;
  phone?: string | null;
  email?: string | null;
}

const INSERT_CONTACT_SQL = `INSERT INTO contacts (id, workspace_id, first_name, last_name, phone, email, source, tags, created_at, updated_at, version)
  VALUES ($1, $2, $3, $4, $5, $6, 'api', '{}', $7, $7, 1)`;

/**
 * What the service writes for a create, in one transaction: the contact, its `contact.created`
 * event and one delivery per consumer. Returns the contact as the service answers it.
 */
export async function createContact(
  pool: Pool,
  workspaceId: string,
  input: NewContact,
  consumers: readonly string[],
): Promise<ContactResponse> {
  const id = newId();
  const now = new Date();
  const values = {
    firstName: input.firstName,
    lastName: input.lastName ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(INSERT_CONTACT_SQL, [
      id,
      workspaceId,
      values.firstName,
      values.lastName,
      values.phone,
      values.email,
      now,
    ]);
    const contact = toContactResponse(
      Object.assign(new ContactEntity(), {
        ...values,
        id,
        workspaceId,
        company: null,
        jobTitle: null,
        website: null,
        notes: null,
        source: 'api',
        tags: [],
        additionalPhones: [],
        additionalEmails: [],
        lifecycle: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      }),
    );
    const event = new ContactCreatedEvent(workspaceId, contact, 1);
    await client.query(
      ENQUEUE_SQL,
      enqueueParams([event], () => consumers),
    );
    await client.query('COMMIT');
    return contact;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
