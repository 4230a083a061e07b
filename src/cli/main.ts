import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../api-keys/api-keys.service';
import type { ApiKeyEntity } from '../api-keys/entities/api-key.entity';
import { ALL_SCOPES } from '../api-keys/scopes';
import { AppModule } from '../app.module';
import { systemWrite } from '../common/context/write-context';
import { type EnvironmentVariables, loadEnvironment } from '../config/environment.variables';
import { ContactsService } from '../contacts/contacts.service';
import { type DatabaseHandle, openDatabase } from '../database/embedded-database';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { runMigrationsLocked } from '../database/run-migrations';
import { DashboardSessions } from '../dashboard/sessions/dashboard-sessions';
import { OutboxRepository } from '../outbox/outbox.repository';
import { WebhookEndpointEntity } from '../webhooks/entities/webhook-endpoint.entity';
import { WebhookDeliveriesRepository } from '../webhooks/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from '../webhooks/webhook-endpoints.repository';
import { CliModule } from './cli.module';
import { seedDemo } from './demo/seed-demo';

const USAGE = `Usage: npm run -s cli -- <command> [options]

  api-keys:create --workspace <slug> --scopes <s1,s2,...> [--name <label>] [--test]
                  [--default-country <CC>]
      Creates the workspace if needed and a key; prints the key alone on the last line.
  api-keys:list --workspace <slug>     Lists keys (never the keys themselves).
  workspaces:list                      Lists workspaces: slug, id, default country.
  api-keys:revoke <id-or-key>          Revokes a key.
  migration:run | migration:revert | migration:show
  events:failed [--limit <n>]          Lists event deliveries parked as failed, with their last error.
  events:retry <event-id> [--consumer <name>]
                                       Makes failed deliveries of the event due again (the running
                                       service delivers them within a poll interval).
  dashboard:link --workspace <slug>    Prints a one-time sign-in URL for the workspace's dashboard
                                       (valid 15 minutes; PUBLIC_URL sets its address).
  webhooks:failing [--limit <n>]       Lists webhook endpoints that are failing or were disabled by
                                       the service, and deliveries parked as failed.
  contacts:erase --workspace <slug> <contact-id>
                                       Erases a contact for good (a data subject's request without
                                       an API key): every personal value removed, a tombstone kept.
  seed:demo [--workspace demo] [--contacts 300] [--reset]
                                       Fills a workspace with demo contacts, conversations and
                                       messages (npm run -s seed:demo). Leaves a workspace that has
                                       contacts as it is; --reset deletes it (everything in it, its
                                       API keys too) and seeds it again.

Scopes: ${ALL_SCOPES.join(', ')}
Reads the service's configuration: DATABASE_URL, or the embedded database (EMBEDDED_DB_DIR),
also while the service is running on it.`;

class UsageError extends Error {}

const out = (line = ''): boolean => process.stdout.write(`${line}\n`);

function describeKey(k: ApiKeyEntity): string {
  const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
  const used = k.lastUsedAt ? k.lastUsedAt.toISOString() : 'never';
  return [
    k.id,
    `${k.prefix}…`,
    k.name ?? '-',
    k.scopes.join(','),
    `created ${k.createdAt.toISOString()}`,
    `last used ${used}`,
    state,
  ].join('  ');
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      scopes: { type: 'string' },
      name: { type: 'string' },
      test: { type: 'boolean', default: false },
      'default-country': { type: 'string' },
      consumer: { type: 'string' },
      limit: { type: 'string' },
      contacts: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (!command || values.help) {
    out(USAGE);
    return;
  }

  const env = loadEnvironment();
  const database = await openDatabase(env, { allowClient: true });
  if (command.startsWith('contacts:') || command === 'seed:demo') {
    try {
      await (command === 'seed:demo'
        ? runSeedDemo(values, env, database)
        : runContactsCommand(command, args, values, env, database));
    } finally {
      await database.close();
    }
    return;
  }
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(env, database), {
    logger: false,
    abortOnError: false,
  });
  try {
    const dataSource = app.get(DataSource);
    if (command.startsWith('migration:')) {
      await runMigrationCommand(command, dataSource);
      return;
    }
    if (command.startsWith('events:')) {
      await runEventsCommand(command, args, values, dataSource);
      return;
    }
    if (command === 'dashboard:link') {
      if (!values.workspace) throw new UsageError('--workspace is required');
      const link = await app.get(DashboardSessions).createLink(values.workspace);
      if (!link) throw new Error(`No workspace "${values.workspace}"`);
      out(
        `Sign-in link for ${values.workspace}, valid until ${link.expiresAt.toISOString()} (once):`,
      );
      out(link.url);
      return;
    }
    if (command === 'webhooks:failing') {
      await listFailingWebhooks(values, dataSource);
      return;
    }
    // Through a running service's embedded socket, that service has migrated at its start.
    if (env.MIGRATIONS_RUN && database.mode !== 'embedded-client') {
      await runMigrationsLocked(dataSource);
    }
    const apiKeys = app.get(ApiKeysService);

    switch (command) {
      case 'api-keys:create': {
        if (!values.workspace || !values.scopes) {
          throw new UsageError('--workspace and --scopes are required');
        }
        const before = await app.get(WorkspacesService).findBySlug(values.workspace);
        const { apiKey, key } = await apiKeys.create({
          workspaceSlug: values.workspace,
          scopes: values.scopes
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          name: values.name,
          environment: values.test ? 'test' : 'live',
          defaultCountry: values['default-country'],
        });
        const country = values['default-country']?.toUpperCase();
        if (before && country !== undefined && before.defaultCountry !== country) {
          out(
            `Default country of workspace ${values.workspace} changed from ${before.defaultCountry ?? 'none'} to ${country}.`,
          );
        }
        out(
          `Created API key ${apiKey.id} for workspace ${values.workspace} (scopes: ${apiKey.scopes.join(', ')}).`,
        );
        out('Store it now: it is shown only once.');
        out(key);
        return;
      }
      case 'workspaces:list': {
        const workspaces = await app.get(WorkspacesService).list();
        if (workspaces.length === 0) out('No workspaces yet: api-keys:create makes one.');
        for (const w of workspaces) {
          out([w.slug, w.id, `country ${w.defaultCountry ?? 'none'}`].join('  '));
        }
        return;
      }
      case 'api-keys:list': {
        if (!values.workspace) throw new UsageError('--workspace is required');
        const keys = await apiKeys.listByWorkspace(values.workspace);
        if (keys.length === 0) out(`No API keys for workspace ${values.workspace}.`);
        for (const k of keys) out(describeKey(k));
        return;
      }
      case 'api-keys:revoke': {
        if (args.length !== 1) throw new UsageError('api-keys:revoke takes one key id or key');
        const revoked = await apiKeys.revoke(args[0]);
        if (!revoked) throw new Error('No such API key');
        out(`Revoked ${describeKey(revoked)}`);
        return;
      }
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } finally {
    await app.close();
    await database.close();
  }
}

async function runEventsCommand(
  command: string,
  args: string[],
  values: { consumer?: string; limit?: string },
  dataSource: DataSource,
): Promise<void> {
  const outbox = new OutboxRepository(dataSource);
  switch (command) {
    case 'events:failed': {
      const limit = Number(values.limit ?? 100);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new UsageError('--limit must be a positive integer');
      }
      const rows = await outbox.listFailed(limit);
      if (rows.length === 0) out('No failed deliveries.');
      for (const r of rows) {
        out(
          [
            r.event_id,
            r.consumer,
            r.event_name,
            `contact ${r.aggregate_id}`,
            `${r.attempts} attempts`,
            r.last_error ?? '',
          ].join('  '),
        );
      }
      return;
    }
    case 'events:retry': {
      if (args.length !== 1) throw new UsageError('events:retry takes one event id');
      const count = await outbox.retryFailed(args[0], values.consumer);
      if (count === 0) throw new Error('No failed delivery matches');
      out(`${count} deliver${count === 1 ? 'y' : 'ies'} of ${args[0]} queued again.`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

async function listFailingWebhooks(
  values: { limit?: string },
  dataSource: DataSource,
): Promise<void> {
  const limit = Number(values.limit ?? 100);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new UsageError('--limit must be a positive integer');
  }
  const endpoints = await new WebhookEndpointsRepository(
    dataSource.getRepository(WebhookEndpointEntity),
  ).failing();
  out(endpoints.length === 0 ? 'No failing webhook endpoint.' : 'Failing or disabled endpoints:');
  for (const e of endpoints) {
    out(
      [
        e.id,
        `workspace ${e.workspaceId}`,
        e.url,
        e.enabled ? 'enabled' : `disabled${e.disabledReason ? ` (${e.disabledReason})` : ''}`,
        e.failingSince ? `failing since ${e.failingSince.toISOString()}` : '',
      ].join('  '),
    );
  }
  const parked = await new WebhookDeliveriesRepository(dataSource).parked(limit);
  out(
    parked.length === 0
      ? 'No parked webhook delivery.'
      : 'Parked deliveries (retry with POST /v1/webhooks/:id/deliveries/:deliveryId/retry):',
  );
  for (const d of parked) {
    out(
      [
        d.id,
        `endpoint ${d.endpoint_id}`,
        d.url,
        d.event_type,
        `contact ${d.contact_id}`,
        `${d.attempts} attempts`,
        d.last_error ?? '',
      ].join('  '),
    );
  }
}

/**
 * The service's whole module graph without HTTP, outbox dispatch, webhook sending or retention
 * jobs: what a command writes goes through the modules' services exactly as through the API,
 * its events get a delivery for every consumer the service has (NATS_URL stays as configured,
 * so the broker's too), and they wait in the outbox for the running service (or the next start).
 */
function moduleGraphFor(
  env: EnvironmentVariables,
  database: DatabaseHandle,
): Promise<INestApplicationContext> {
  const settings: EnvironmentVariables = {
    ...env,
    OUTBOX_DISPATCH: false,
    WEBHOOK_DISPATCH: false,
    RETENTION_JOBS: false,
    // Through a running service's embedded socket, that service has migrated at its start.
    MIGRATIONS_RUN: env.MIGRATIONS_RUN && database.mode !== 'embedded-client',
    LOG_LEVEL: 'error',
  };
  return NestFactory.createApplicationContext(AppModule.forRoot({ env: settings, database }), {
    logger: false,
    abortOnError: false,
  });
}

/** `seed:demo`: the demo workspace (see src/cli/demo/seed-demo.ts). */
async function runSeedDemo(
  values: { workspace?: string; contacts?: string; reset?: boolean },
  env: EnvironmentVariables,
  database: DatabaseHandle,
): Promise<void> {
  const slug = values.workspace ?? 'demo';
  const count = Number(values.contacts ?? 300);
  if (!Number.isInteger(count) || count < 20 || count > 5000) {
    throw new UsageError('--contacts must be an integer from 20 to 5000');
  }
  if (values.reset && env.NODE_ENV === 'production') {
    throw new Error('seed:demo --reset deletes a workspace: refused with NODE_ENV=production');
  }
  const started = Date.now();
  const app = await moduleGraphFor(env, database);
  try {
    const result = await seedDemo(app, {
      slug,
      contacts: count,
      reset: values.reset ?? false,
      context: systemWrite('cli', `cli-${randomUUID()}`),
      say: (line) => out(`  ${line}`),
    });
    const { contacts, conversations, messages } = result.counts;
    const holding = `${contacts} contacts, ${conversations} conversations and ${messages} messages`;
    if (result.seeded) {
      out(
        `Seeded workspace ${slug} (default country KE) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${holding}.`,
      );
      out(
        `Of the contacts, ${result.updated} were changed after their creation; ${result.merged} duplicates were merged and ${result.deleted} contacts deleted (restorable).`,
      );
      out('Their events are in the outbox: the running service delivers them (or the next start).');
    } else {
      out(
        `Workspace ${slug} already has ${holding}: nothing seeded (--reset deletes it and seeds it again).`,
      );
    }
  } finally {
    await app.close();
  }
  const workspace = slug === 'demo' ? '' : ` --workspace ${slug}`;
  out('');
  out('Next (npm start in another shell):');
  out(
    `  an API key:  npm run -s cli -- api-keys:create --workspace ${slug} --scopes read:contacts,write:contacts,read:conversations,write:messages`,
  );
  out(
    `  the dashboard:  npm run -s cli -- dashboard:link --workspace ${slug}   (open the link it prints)`,
  );
  out(`  start over:  npm run -s seed:demo --${workspace} --reset`);
}

/**
 * Contact commands run the service's whole module graph (see `moduleGraphFor`): an erasure goes
 * through every module's personal-data policy, and its event gets a delivery for every consumer,
 * exactly as through the API.
 */
async function runContactsCommand(
  command: string,
  args: string[],
  values: { workspace?: string },
  env: EnvironmentVariables,
  database: DatabaseHandle,
): Promise<void> {
  if (command !== 'contacts:erase') throw new UsageError(`Unknown command "${command}"`);
  if (!values.workspace || args.length !== 1) {
    throw new UsageError('contacts:erase takes --workspace <slug> and one contact id');
  }
  const app = await moduleGraphFor(env, database);
  try {
    const workspace = await app.get(WorkspacesService).findBySlug(values.workspace);
    if (!workspace) throw new Error(`No workspace ${values.workspace}`);
    const requestId = `cli-${randomUUID()}`;
    const { id, erasedAt } = await app
      .get(ContactsService)
      .erase(workspace.id, args[0], systemWrite('cli', requestId));
    out(
      `Erased contact ${id} of workspace ${values.workspace} at ${erasedAt.toISOString()} (request ${requestId}).`,
    );
  } finally {
    await app.close();
  }
}

async function runMigrationCommand(command: string, dataSource: DataSource): Promise<void> {
  switch (command) {
    case 'migration:run': {
      const applied = await runMigrationsLocked(dataSource);
      out(
        applied.length
          ? `Applied: ${applied.map((m) => m.name).join(', ')}`
          : 'No pending migrations.',
      );
      return;
    }
    case 'migration:revert':
      await dataSource.undoLastMigration({ transaction: 'each' });
      out('Reverted the last migration.');
      return;
    case 'migration:show': {
      const pending = await dataSource.showMigrations();
      out(pending ? 'There are pending migrations.' : 'No pending migrations.');
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
