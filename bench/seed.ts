/**
 * Seeds realistic contacts fast, with set-based SQL (one INSERT … SELECT FROM generate_series per
 * workspace), not one insert per row:
 *
 *   npm run -s bench:seed -- --workspace <slug> --contacts <n> [--others <n>]
 *
 * Uses DATABASE_URL; creates the workspace if missing. Valid E.164 phones from five countries,
 * shared and rare names (one first name, "Maria", on about 10% of contacts), emails over 40
 * domains, 5% without phone and 5% without email, createdAt spread over about five years with ids
 * in the service's ObjectId layout (time-ordered, matching createdAt). `--others` contacts go to
 * each of two other workspaces, so that the measured one is not the whole table.
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { newId } from '../src/common/ids/object-id';

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Wanjiku', 'Amina', 'Chinedu', 'Priya', 'Aarav', 'Fatima', 'Oliver', 'Amelia', 'Kofi', 'Zanele', 'Luca', 'Sofia', 'Hiroshi', 'Yuki', 'Mateo', 'Valentina', 'Noah', 'Emma', 'Liam', 'Olivia', 'Ethan', 'Ava', 'Kwame', 'Nia', 'Omar', 'Leila', 'Ravi', 'Anjali', 'Chen', 'Mei', 'Ivan', 'Olga', 'Pedro', 'Lucia'];
const LAST = ['Smith', 'Johnson', 'Otieno', 'Kamau', 'Okafor', 'Adeyemi', 'Sharma', 'Patel', 'Brown', 'Garcia', 'Mwangi', 'Njoroge', 'Williams', 'Jones', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me', 'acme.co.ke', 'safaricom.co.ke', 'globex.com', 'initech.io', 'umbrella.org', 'hooli.com', 'piedpiper.com', 'stark.com', 'wayne.co', 'wonka.biz', 'cyberdyne.ai', 'tyrell.io', 'soylent.com', 'oscorp.net', 'aperture.science', 'blackmesa.org', 'vandelay.com', 'dundermifflin.com', 'gringotts.uk', 'ollivanders.uk', 'bluthco.com', 'sterling.co', 'pearson.ng', 'dangote.ng', 'mtn.ng', 'jumia.com', 'flipkart.in', 'infosys.in', 'tata.in', 'zoho.in', 'monzo.co.uk', 'bbc.co.uk', 'nhs.uk', 'andela.com'];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/** One set-based insert of `n` contacts into a workspace, `g` from `offset + 1`. */
function insertSql(n: number, offset: number): string {
  return `
  INSERT INTO contacts (id, workspace_id, first_name, last_name, phone, email, company, job_title, source, tags, lifecycle, created_at, updated_at)
  SELECT
    lpad(to_hex(extract(epoch FROM ts)::bigint), 8, '0') || substr(md5(g::text), 1, 10) || lpad(to_hex(g % 16777216), 6, '0'),
    $1,
    CASE WHEN g % 10 = 0 THEN 'Maria' ELSE (${sqlArray(FIRST)})[1 + (g * 7) % ${FIRST.length}] END,
    CASE WHEN g % 997 = 3 THEN 'Quillfeather' || g ELSE (${sqlArray(LAST)})[1 + (g * 13) % ${LAST.length}] END,
    CASE WHEN g % 20 = 19 THEN NULL
         WHEN g % 5 = 0 THEN '+2547' || lpad((g % 100000000)::text, 8, '0')
         WHEN g % 5 = 1 THEN '+1' || (ARRAY['415','212','646','312','617'])[1 + (g / 5) % 5] || lpad((2000000 + g % 7000000)::text, 7, '0')
         WHEN g % 5 = 2 THEN '+23480' || lpad((g % 100000000)::text, 8, '0')
         WHEN g % 5 = 3 THEN '+447' || lpad((g % 1000000000)::text, 9, '0')
         ELSE '+919' || lpad((g % 1000000000)::text, 9, '0') END,
    CASE WHEN g % 20 = 18 THEN NULL
         ELSE lower((${sqlArray(FIRST)})[1 + (g * 7) % ${FIRST.length}] || '.' || (${sqlArray(LAST)})[1 + (g * 13) % ${LAST.length}])
              || g || '@' || (${sqlArray(DOMAINS)})[1 + (g * 31) % ${DOMAINS.length}] END,
    CASE WHEN g % 3 = 0 THEN NULL ELSE 'Company ' || (g % 5000) END,
    CASE WHEN g % 4 = 0 THEN NULL ELSE (ARRAY['CEO','CTO','Buyer','Engineer','Manager','Analyst'])[1 + g % 6] END,
    CASE WHEN g % 9 = 0 THEN 'message' ELSE 'api' END,
    CASE WHEN g % 6 = 0 THEN ARRAY['vip'] WHEN g % 6 = 1 THEN ARRAY['lead','newsletter'] ELSE ARRAY[]::text[] END,
    CASE WHEN g % 4 = 0 THEN 'Customer' WHEN g % 4 = 1 THEN 'Lead' ELSE NULL END,
    ts, ts
  FROM (SELECT g, now() - ((${n + offset} - g) * interval '150 seconds') AS ts
          FROM generate_series(${offset + 1}, ${offset + n}) AS g) s`;
}

async function ensureWorkspace(db: Client, slug: string): Promise<string> {
  await db.query(`INSERT INTO workspaces (id, slug, name) VALUES ($1, $2, $2) ON CONFLICT (slug) DO NOTHING`, [newId(), slug]);
  return (await db.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [slug])).rows[0].id;
}

export async function seed(databaseUrl: string, slug: string, contacts: number, others: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`SET synchronous_commit = off`);
    await db.query(`SET maintenance_work_mem = '512MB'`);
    const targets: [string, number][] = [[slug, contacts], [`${slug}-other-1`, others], [`${slug}-other-2`, others]];
    let offset = 0;
    for (const [name, n] of targets) {
      if (n <= 0) continue;
      const id = await ensureWorkspace(db, name);
      const started = Date.now();
      // In chunks, so a failure shows early and memory stays flat.
      const chunk = 250_000;
      for (let done = 0; done < n; done += chunk) {
        const size = Math.min(chunk, n - done);
        await db.query(insertSql(size, offset + done), [id]);
      }
      offset += n;
      console.log(`${name}: ${n} contacts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    // Statistics for the planner, and the GIN indexes' pending entries merged.
    await db.query('VACUUM ANALYZE contacts');
  } finally {
    await db.end();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      contacts: { type: 'string' },
      others: { type: 'string' },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url || !values.workspace || !values.contacts) {
    console.error('Usage: DATABASE_URL=… npm run -s bench:seed -- --workspace <slug> --contacts <n> [--others <n>]');
    process.exit(2);
  }
  const n = Number(values.contacts);
  seed(url, values.workspace, n, Number(values.others ?? Math.round(n / 4))).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
