import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ContactsService } from '../../src/contacts/contacts.service';
import { uniqueEmail, uniquePhone } from '../factories/contact.factory';
import { createWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';

/** The exact `total` of an unfiltered list comes from counters kept by the database. */
describe('contact counts per workspace', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('stay exact under concurrent creates, ignore failed ones, and never mix workspaces', async () => {
    const contacts = app.get(ContactsService);
    const [a, b] = [await createWorkspace(app), await createWorkspace(app)];
    const phone = uniquePhone();
    const results = await Promise.allSettled([
      ...Array.from({ length: 25 }, () =>
        contacts.create(a.workspace.id, { firstName: 'A', email: uniqueEmail() }),
      ),
      ...Array.from({ length: 5 }, () =>
        contacts.create(a.workspace.id, { firstName: 'Same', phone }),
      ),
      ...Array.from({ length: 7 }, () =>
        contacts.create(b.workspace.id, { firstName: 'B', email: uniqueEmail() }),
      ),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);

    const real = async (workspaceId: string) =>
      Number(
        (
          await app
            .get(DataSource)
            .query<{ n: string }[]>('SELECT count(*) AS n FROM contacts WHERE workspace_id = $1', [
              workspaceId,
            ])
        )[0].n,
      );
    expect((await contacts.list(a.workspace.id, {})).total).toBe(26);
    expect(await real(a.workspace.id)).toBe(26);
    expect((await contacts.list(b.workspace.id, { limit: '1' })).total).toBe(7);
    expect((await contacts.list(b.workspace.id, { page: '99' })).items).toEqual([]);
  });
});
