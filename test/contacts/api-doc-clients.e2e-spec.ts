import { execFile, execFileSync } from 'node:child_process';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { describeIf } from '../utils/describe-if';
import { startContactsApp } from './support';

/**
 * The original API page's curl and Python examples, run as written by the real tools against the
 * service; only the base URL and the key change (and the contact id of the page's fixed
 * `6634e2b1…` one). The page's `[email protected]` is the mark an email-obfuscating CDN left in
 * the copy of the page, not an address (a create with it gets 400); `jane@acme.com` stands in.
 * The JavaScript and PHP loops are reproduced in api-doc-flow.e2e-spec.ts; Go and Ruby are not
 * installed on this machine, and send the same requests (the Go body without `company` is covered
 * there too).
 */

function run(file: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${file} failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** Whether `file args` runs (a tool and what the examples need of it). */
function runs(file: string, args: string[]): boolean {
  try {
    execFileSync(file, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The page's text with the deployment's values in place of the page's. */
function localise(text: string, base: string, key: string, contactId = ''): string {
  return text
    .replaceAll('https://api.safravo.com', base)
    .replaceAll('saf_live_your_key', key)
    .replaceAll('[email protected]', 'jane@acme.com')
    .replaceAll('6634e2b1a7c3f500231a8b01', contactId);
}

/** The page's curl create, as written. */
const CREATE_JANE = `curl -X POST https://api.safravo.com/v1/contacts \\
-H "X-API-Key: saf_live_your_key" \\
-H "Content-Type: application/json" \\
-d '{
"firstName": "Jane",
"lastName": "Doe",
"phone": "+254712345678",
"email": "[email protected]",
"company": "Acme Corp"
}'`;

/** A Python with `requests`: the one on PATH, else Debian's (package python3-requests). */
const python = ['python3', '/usr/bin/python3'].find((file) =>
  runs(file, ['-c', 'import requests']),
);

describe("the API page's examples, run by curl and Python", () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await startContactsApp();
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  describeIf(runs('curl', ['--version']), 'curl')('curl', () => {
    let ws: TestWorkspace;
    beforeEach(async () => {
      ws = await createWorkspace(app);
    });

    const curl = async (script: string, id?: string): Promise<Record<string, unknown>> =>
      JSON.parse(await run('bash', ['-c', localise(script, base, ws.apiKey, id)])) as Record<
        string,
        unknown
      >;

    it('creates Jane, then lists and searches her, gets her and updates her', async () => {
      const created = await curl(CREATE_JANE);
      expect(created).toMatchObject({
        firstName: 'Jane',
        fullName: 'Jane Doe',
        phone: '+254712345678',
        source: 'api',
      });
      const contactId = created.id as string;

      const again = await curl(CREATE_JANE); // the page's create, sent again
      expect(again).toMatchObject({ statusCode: 409, code: 'contact_exists' });

      const first = await curl(`curl "https://api.safravo.com/v1/contacts?limit=25&page=1" \\
-H "X-API-Key: saf_live_your_key"`);
      expect(first).toMatchObject({ total: 1, page: 1, limit: 25, totalPages: 1 });

      const search = await curl(`curl "https://api.safravo.com/v1/contacts?search=Jane&limit=10" \\
-H "X-API-Key: saf_live_your_key"`);
      expect(search).toMatchObject({ total: 1, limit: 10, items: [{ id: contactId }] });

      const got = await curl(
        `curl https://api.safravo.com/v1/contacts/6634e2b1a7c3f500231a8b01 \\
-H "X-API-Key: saf_live_your_key"`,
        contactId,
      );
      expect(got).toMatchObject({ id: contactId, email: 'jane@acme.com' });

      const updated = await curl(
        `curl -X PATCH https://api.safravo.com/v1/contacts/6634e2b1a7c3f500231a8b01 \\
-H "X-API-Key: saf_live_your_key" \\
-H "Content-Type: application/json" \\
-d '{ "company": "New Corp", "jobTitle": "CTO" }'`,
        contactId,
      );
      expect(updated).toMatchObject({
        id: contactId,
        company: 'New Corp',
        jobTitle: 'CTO',
        lastName: 'Doe',
      });
    });
  });

  describeIf(python !== undefined, 'python3 with requests (Debian: python3-requests)')(
    'Python (requests)',
    () => {
      it('runs the create, 409, search, get, paginate and update snippets as written', async () => {
        const ws = await createWorkspace(app);
        // `client`: the page leaves its construction out; a requests session with a base URL and
        // the key header, like the page's axios client. The snippets follow verbatim.
        const script = localise(
          `import json, os, requests

class Client(requests.Session):
    def __init__(self, base_url, key):
        super().__init__()
        self.base_url = base_url
        self.headers["X-API-Key"] = key
    def request(self, method, url, *args, **kwargs):
        return super().request(method, self.base_url + url, *args, **kwargs)

client = Client("https://api.safravo.com", "saf_live_your_key")
out = {}

for attempt in range(2):
    resp = client.post("/v1/contacts", json={
    "firstName": "Jane",
    "lastName": "Doe",
    "phone": "+254712345678",
    "email": "[email protected]",
    "company": "Acme Corp",
    })
    if resp.status_code == 409:
        print("Contact already exists")
    else:
        resp.raise_for_status()
        print("Created:", resp.json()["id"])
        out["created"] = resp.json()
    out.setdefault("statuses", []).append(resp.status_code)

for i in range(150):
    client.post("/v1/contacts", json={"firstName": "Bulk", "email": f"bulk{i}@example.com"}).raise_for_status()

# Search
resp = client.get("/v1/contacts", params={"search": "Jane", "limit": 10})
resp.raise_for_status()
contacts = resp.json()["items"]
out["search"] = [c["id"] for c in contacts]

contact_id = out["created"]["id"]
resp = client.get(f"/v1/contacts/{contact_id}")
resp.raise_for_status()
contact = resp.json()
out["got"] = contact

# Paginate all contacts
def fetch_all_contacts():
    page, results = 1, []
    while True:
        r = client.get("/v1/contacts", params={"page": page, "limit": 100})
        r.raise_for_status()
        body = r.json()
        results.extend(body["items"])
        if page >= body["totalPages"]:
            break
        page += 1
    return results

out["all"] = [c["id"] for c in fetch_all_contacts()]

client.patch(f"/v1/contacts/{contact_id}", json={
"company": "New Corp",
"jobTitle": "CTO",
}).raise_for_status()
out["updated"] = client.get(f"/v1/contacts/{contact_id}").json()

print(json.dumps(out))
`,
          base,
          ws.apiKey,
        );
        const stdout = await run(python as string, ['-c', script]);
        const lines = stdout.trim().split('\n');
        expect(lines.slice(0, 2)).toEqual([
          expect.stringMatching(/^Created: [0-9a-f]{24}$/),
          'Contact already exists',
        ]);
        const out = JSON.parse(lines[lines.length - 1]) as {
          statuses: number[];
          created: ContactResponse;
          search: string[];
          got: ContactResponse;
          all: string[];
          updated: ContactResponse;
        };
        const id = out.created.id;
        expect(out.statuses).toEqual([201, 409]);
        expect(out.search).toEqual([id]);
        expect(out.got).toEqual(out.created);
        expect(out.all).toHaveLength(151);
        expect(new Set(out.all).size).toBe(151);
        expect(out.all[150]).toBe(id);
        expect(out.updated).toMatchObject({
          id,
          company: 'New Corp',
          jobTitle: 'CTO',
          email: 'jane@acme.com',
        });
      });
    },
  );
});
