import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WriteContext } from '../../common/context/write-context';
import { ContactsService } from '../../contacts/contacts.service';
import type { ContactEntity } from '../../contacts/entities/contact.entity';
import { ConversationsService } from '../../conversations/conversations.service';
import { MessagingService } from '../../messaging/messaging.service';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { DEMO_COUNTRY, demoPlan } from './demo-plan';

export interface SeedDemoOptions {
  slug: string;
  /** Contacts of the plan (the merges' duplicates and the messaged numbers come on top). */
  contacts: number;
  /** Delete the workspace (everything in it, its API keys too) and seed it again. */
  reset: boolean;
  /** Who writes: recorded in every contact's history. */
  context: WriteContext;
  /** Progress lines. */
  say: (line: string) => void;
}

/** What the workspace holds afterwards, read back through the services. */
export interface DemoCounts {
  contacts: number;
  conversations: number;
  messages: number;
}

export type SeedDemoResult =
  | { seeded: true; counts: DemoCounts; deleted: number; merged: number; updated: number }
  | { seeded: false; counts: DemoCounts };

/** How many contacts one `ContactsService.batch` call writes (the API's limit). */
const BATCH = 100;

/**
 * Fills a workspace with the demo data of `demoPlan`, through the service's own services as in
 * real use: contacts by batch create (as an import would), messages by `MessagingService.send`
 * (which creates a contact for a number nobody has) and replies through `ConversationsService`,
 * then updates, merges and deletes. Every change has its history entry and its event in the
 * outbox, which the running service delivers (or the next one to start).
 *
 * A workspace that already has contacts is left as it is (`seeded: false`), unless `reset`:
 * then it is deleted with everything in it and seeded again. Refused in production.
 */
export async function seedDemo(
  app: INestApplicationContext,
  { slug, contacts: count, reset, context, say }: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const workspaces = app.get(WorkspacesService);
  const contacts = app.get(ContactsService);
  const conversations = app.get(ConversationsService);
  const messaging = app.get(MessagingService);
  const dataSource = app.get(DataSource);

  const existing = await workspaces.findBySlug(slug);
  if (existing) {
    const counts = await countsOf(app, existing.id);
    if (counts.contacts > 0 && !reset) return { seeded: false, counts };
    if (reset) {
      await conversations.removeAll(existing.id);
      await workspaces.remove(slug);
      say(`Deleted workspace ${slug} with everything in it (${counts.contacts} contacts).`);
    }
  }
  const workspace = await workspaces.ensure(slug, {
    name: 'Demo workspace',
    defaultCountry: DEMO_COUNTRY,
  });
  const plan = demoPlan(count);

  // Contacts, as an import would write them: batches of 100, each in one transaction.
  const created: ContactEntity[] = [];
  for (let start = 0; start < plan.contacts.length; start += BATCH) {
    const items = plan.contacts.slice(start, start + BATCH);
    const outcomes = await contacts.batch(workspace.id, { mode: 'create', items }, context);
    for (const outcome of outcomes) {
      if (!outcome.contact) {
        const item = JSON.stringify(items[outcome.index]);
        throw new Error(
          `Demo contact ${item} refused: ${outcome.error?.message ?? outcome.status}`,
        );
      }
      created.push(outcome.contact);
    }
    say(`${created.length} of ${plan.contacts.length} contacts`);
  }

  // Conversations: the first message of each is sent, which opens it; replies come in.
  let messages = 0;
  for (const conversation of plan.conversations) {
    for (const message of conversation.messages) {
      if (message.direction === 'outbound') {
        await messaging.send(workspace.id, { phone: conversation.phone, text: message.text });
      } else {
        // A reply: there is no inbound channel yet, so it is written as the channel would.
        const phone = await contacts.normalizePhone(workspace.id, conversation.phone);
        const received = await dataSource.transaction(async (manager) => {
          const match = await contacts.findByPhone(workspace.id, phone, manager);
          const open = await conversations.openFor(
            manager,
            workspace.id,
            phone.e164,
            match?.contact ?? null,
          );
          return conversations.appendMessage(manager, open, {
            direction: 'inbound',
            text: message.text,
          });
        });
        await conversations.setMessageStatus(workspace.id, received.id, 'delivered');
      }
      messages += 1;
    }
  }
  say(`${plan.conversations.length} conversations, ${messages} messages`);

  // Afterwards: people named, details changed, duplicates merged, a few deleted.
  for (const { phone, changes } of plan.named) {
    const match = await contacts.findByPhone(
      workspace.id,
      await contacts.normalizePhone(workspace.id, phone),
    );
    if (!match) throw new Error(`No contact for the messaged number ${phone}`);
    await contacts.update(workspace.id, match.contact.id, changes, context);
  }
  for (const { contact, changes } of plan.updates) {
    await contacts.update(workspace.id, created[contact].id, changes, context);
  }
  for (const [target, duplicate] of plan.merges) {
    await contacts.merge(
      workspace.id,
      created[target].id,
      { sourceIds: [created[duplicate].id] },
      context,
    );
  }
  for (const index of plan.deletes) await contacts.delete(workspace.id, created[index].id, context);

  return {
    seeded: true,
    counts: await countsOf(app, workspace.id),
    deleted: plan.deletes.length,
    merged: plan.merges.length,
    updated: plan.updates.length + plan.named.length,
  };
}

/** Live contacts, conversations and their messages of the workspace, as the API counts them. */
async function countsOf(app: INestApplicationContext, workspaceId: string): Promise<DemoCounts> {
  const contacts = await app.get(ContactsService).list(workspaceId, { limit: 1 });
  const conversations = app.get(ConversationsService);
  let messages = 0;
  let total = 0;
  for (let page = 1; ; page++) {
    const list = await conversations.list(workspaceId, { page, limit: 100 });
    total = list.total;
    for (const conversation of list.items) {
      messages += (await conversations.listMessages(workspaceId, conversation.id, { limit: 1 }))
        .total;
    }
    if (page >= list.totalPages) break;
  }
  return { contacts: contacts.total, conversations: total, messages };
}
