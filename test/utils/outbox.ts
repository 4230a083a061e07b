import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { waitFor } from './wait';

/**
 * Delivers the outbox until nothing of this workspace is pending. Test apps share one database
 * and any of them may be draining at the same time, so "my drain returned" does not mean "my
 * events were delivered": this waits on the delivery rows themselves.
 */
export async function drainWorkspace(
  app: INestApplication,
  workspaceId: string,
  timeoutMs = 20_000,
): Promise<void> {
  const dataSource = app.get(DataSource);
  await waitFor(
    async () => {
      await app.get(OutboxDispatcher).drain();
      const [{ n }] = await dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
          WHERE e.workspace_id = $1 AND d.status = 'pending'`,
        [workspaceId],
      );
      return Number(n) === 0;
    },
    { what: `the outbox of workspace ${workspaceId} to drain`, timeoutMs, intervalMs: 20 },
  );
}
