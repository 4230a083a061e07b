/**
 * Seeds realistic contacts fast, with set-based SQL (INSERT … SELECT FROM generate_series, in
 * chunks), never one insert per row:
 *
 *   DATABASE_URL=… npm run -s bench:seed -- --workspace <slug> --contacts <n> [--others <n>]
 *
 * Applies pending migrations, creates the workspace if missing (plain SQL, as
 * `WorkspacesService.ensure` does). The data:
 * - phones: valid E.164 mobiles of six countries (KE 30%, US 20%, NG 15%, IN 15%, GB 10%,
 *   ZA 10%), the national digits a bijection of the row number, so unique and spread; 5% have none;
 * - names: 60 shared first names, one of them ("Maria") on 10% of contacts, 80 shared last names,
 *   and for 2% a rare last name (about 2 contacts each), some with accents;
 * - emails in four formats over 60 domains (gmail on ~30%), a third with digits; 5% have none
 *   (never both: a contact has a phone or an email);
 * - company, job title, website, notes, tags, lifecycle and source on some; createdAt spread over
 *   six years, 20% updated since; ids in the service's ObjectId layout, their seconds those of
 *   createdAt (so id order follows createdAt, as for contacts the service creates).
 * `--others` contacts (default n/4) go to each of two more workspaces, so that the measured one is
 * not the whole table. A workspace that already holds contacts is left as it is.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { Client } from 'pg';
import { newId } from '../src/common/ids/object-id';

const FIRST = [
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Wanjiku',
  'Amina',
  'Chinedu',
  'Priya',
  'Aarav',
  'Fatima',
  'Oliver',
  'Amelia',
  'Kofi',
  'Zanele',
  'Luca',
  'Sofia',
  'Hiroshi',
  'Yuki',
  'Mateo',
  'Valentina',
  'Noah',
  'Emma',
  'Liam',
  'Olivia',
  'Ethan',
  'Ava',
  'Kwame',
  'Nia',
  'Omar',
  'Leila',
  'Ravi',
  'Anjali',
  'Chen',
  'Mei',
  'Ivan',
  'Olga',
  'Pedro',
  'Lucia',
  'José',
  'Zoë',
  'Chloé',
  'Søren',
  'Ngozi',
  'Oluwaseun',
  'Thabo',
  'Lerato',
  'Akinyi',
  'Otieno',
  'Sipho',
  'Ayesha',
  'Arjun',
  'Deepika',
  'George',
  'Harriet',
  'Daniel',
  'Grace',
  'Samuel',
  'Esther',
];
const LAST = [
  'Smith',
  'Johnson',
  'Otieno',
  'Kamau',
  'Okafor',
  'Adeyemi',
  'Sharma',
  'Patel',
  'Brown',
  'Garcia',
  'Mwangi',
  'Njoroge',
  'Williams',
  'Jones',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Ochieng',
  'Wambui',
  'Nwosu',
  'Eze',
  'Balogun',
  'Dlamini',
  'Nkosi',
  'Mokoena',
  'Naidoo',
  'Reddy',
  'Iyer',
  'Gupta',
  'Singh',
  'Kumar',
  'Müller',
  'Schmidt',
  'Fernández',
  'Núñez',
  'Rossi',
  'Bianchi',
  'Dubois',
  'Lefèvre',
  "O'Brien",
  'Murphy',
  'Kelly',
  'Tanaka',
  'Suzuki',
  'Wang',
  'Li',
  'Zhang',
];
/** Rare last names: SYL1 × SYL2 × SYL3 = 8,000 combinations, on 2% of contacts. */
const SYL1 = [
  'Quill',
  'Vald',
  'Kest',
  'Brom',
  'Thorn',
  'Ashw',
  'Cald',
  'Dray',
  'Elsw',
  'Fenw',
  'Gorm',
  'Hask',
  'Ingr',
  'Jarv',
  'Kilb',
  'Lorn',
  'Morv',
  'Nesb',
  'Orch',
  'Pendr',
];
const SYL2 = [
  'a',
  'e',
  'i',
  'o',
  'u',
  'ae',
  'ea',
  'io',
  'ou',
  'y',
  'an',
  'en',
  'in',
  'on',
  'ar',
  'er',
  'or',
  'el',
  'il',
  'ol',
];
const SYL3 = [
  'feather',
  'more',
  'wick',
  'stone',
  'vale',
  'ridge',
  'combe',
  'thwaite',
  'holm',
  'by',
  'ford',
  'ley',
  'ton',
  'wyn',
  'garth',
  'mere',
  'shaw',
  'croft',
  'dene',
  'hurst',
];
const DOMAINS = [
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'proton.me',
  'acme.co.ke',
  'safaricom.co.ke',
  'globex.com',
  'initech.io',
  'umbrella.org',
  'hooli.com',
  'piedpiper.com',
  'stark.com',
  'wayne.co',
  'wonka.biz',
  'cyberdyne.ai',
  'tyrell.io',
  'soylent.com',
  'oscorp.net',
  'aperture.science',
  'blackmesa.org',
  'vandelay.com',
  'dundermifflin.com',
  'gringotts.uk',
  'ollivanders.uk',
  'bluthco.com',
  'sterling.co',
  'pearson.ng',
  'dangote.ng',
  'mtn.ng',
  'jumia.com',
  'flipkart.in',
  'infosys.in',
  'tata.in',
  'zoho.in',
  'monzo.co.uk',
  'bbc.co.uk',
  'nhs.uk',
  'andela.com',
  'gmx.de',
  'web.de',
  'mail.ru',
  'qq.com',
  'naver.com',
  'uol.com.br',
  'telkomsa.net',
  'mweb.co.za',
  'vodacom.co.za',
  'airtel.in',
  'rediffmail.com',
  'kcb.co.ke',
  'equitybank.co.ke',
  'ke.ibm.com',
  'microsoft.com',
  'google.com',
  'amazon.com',
  'shopify.com',
  'stripe.com',
  'paystack.com',
  'flutterwave.com',
];
const COMPANIES = [
  'Acme Ltd',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'Safaricom',
  'Dangote Group',
  'Tata',
  'Jumia',
  'Andela',
  'Paystack',
  'Flutterwave',
  'Shoprite',
];
const TITLES = [
  'CEO',
  'CTO',
  'Buyer',
  'Engineer',
  'Manager',
  'Analyst',
  'Owner',
  'Sales Lead',
  'Accountant',
  'Procurement Officer',
];

const sqlText = (v: string) => `'${v.replace(/'/g, "''")}'`;
const sqlArray = (values: string[]) => `ARRAY[${values.map(sqlText).join(',')}]`;
/** A pseudo-random integer in [0, n) from the row number and a salt: independent per salt. */
const rnd = (salt: number, n: number) =>
  `((hashint8(g * 1000 + ${salt})::bigint & 2147483647) % ${n})`;
const pickFrom = (values: string[], salt: number) =>
  `(${sqlArray(values)})[1 + ${rnd(salt, values.length)}]`;
/** Lower-case ASCII for the email's local part. */
const asciiLower = (expr: string) => `translate(lower(${expr}), 'éëèáàçøñóúüí''', 'eeeaaconouui')`;
/** Five letters, a bijection of g below 26^5 (7368787 is prime to 26): the email tag of two thirds. */
const letters = [1, 26, 676, 17576, 456976]
  .map((d) => `chr((97 + ((g * 7368787) % 11881376 / ${d}) % 26)::int)`)
  .join(' || ');
/** National digits: a bijection of g below 10^7 (3967297 is prime to 10), so unique and spread. */
const digits7 = `lpad(((g * 3967297) % 10000000)::text, 7, '0')`;
/** The largest row number the phone bijection keeps unique. */
const MAX_ROWS = 8_000_000;
const SIX_YEARS_S = 6 * 365.25 * 24 * 3600;

/** One set-based insert of rows `from`..`to` of a workspace of `n` (g = offset + row). */
function insertSql(n: number, from: number, to: number, offset: number): string {
  const phone = `CASE
      WHEN b < 6 THEN '+2547' || (ARRAY['0','1','2'])[1 + ${rnd(11, 3)}] || ${digits7}
      WHEN b < 10 THEN '+1' || ${pickFrom(['415', '212', '646', '312', '617', '206', '305', '512'], 12)} || lpad((2000000 + (g * 3967297) % 8000000)::text, 7, '0')
      WHEN b < 13 THEN '+234' || ${pickFrom(['803', '806', '813', '816', '703', '706', '903', '906'], 13)} || ${digits7}
      WHEN b < 16 THEN '+91' || ${pickFrom(['98', '99', '97', '90', '88', '70'], 14)} || '1' || ${digits7}
      WHEN b < 18 THEN '+4477' || (1 + ${rnd(15, 7)})::text || ${digits7}
      ELSE '+27' || ${pickFrom(['82', '83', '72', '73', '84', '60'], 16)} || ${digits7} END`;
  const tag = `CASE WHEN ${rnd(21, 3)} = 0 THEN g::text ELSE '.' || ${letters} END`;
  const local = `CASE ${rnd(22, 4)}
      WHEN 0 THEN ${asciiLower('first')} || '.' || ${asciiLower('last')}
      WHEN 1 THEN left(${asciiLower('first')}, 1) || ${asciiLower('last')}
      WHEN 2 THEN ${asciiLower('first')} || '_' || ${asciiLower('last')}
      ELSE ${asciiLower('first')} END`;
  const domain = `CASE WHEN ${rnd(23, 10)} < 3 THEN 'gmail.com' ELSE ${pickFrom(DOMAINS, 24)} END`;
  return `
  INSERT INTO contacts (id, workspace_id, first_name, last_name, phone, email, company, job_title, website, notes, source, tags, lifecycle, created_at, updated_at)
  SELECT
    lpad(to_hex(floor(extract(epoch FROM ts))::bigint), 8, '0') || substr(md5($1 || g::text), 1, 10) || lpad(to_hex(g % 16777216), 6, '0'),
    $1, first, last,
    CASE WHEN reach = 0 THEN NULL ELSE ${phone} END,
    CASE WHEN reach = 1 THEN NULL ELSE regexp_replace(${local}, '[^a-z0-9._-]', '', 'g') || ${tag} || '@' || ${domain} END,
    CASE WHEN ${rnd(31, 3)} = 0 THEN NULL ELSE ${pickFrom(COMPANIES, 32)} END,
    CASE WHEN ${rnd(33, 4)} = 0 THEN NULL ELSE ${pickFrom(TITLES, 34)} END,
    CASE WHEN ${rnd(35, 10)} = 0 THEN 'https://www.' || ${pickFrom(DOMAINS, 24)} ELSE NULL END,
    CASE WHEN ${rnd(36, 20)} = 0 THEN 'Met at the ' || (2019 + ${rnd(37, 7)}) || ' trade fair; follow up on pricing.' ELSE NULL END,
    CASE WHEN ${rnd(38, 9)} = 0 THEN 'message' ELSE 'api' END,
    CASE ${rnd(39, 6)} WHEN 0 THEN ARRAY['vip'] WHEN 1 THEN ARRAY['lead','newsletter'] ELSE ARRAY[]::text[] END,
    CASE ${rnd(40, 4)} WHEN 0 THEN 'Customer' WHEN 1 THEN 'Lead' ELSE NULL END,
    ts,
    CASE WHEN ${rnd(41, 5)} = 0 THEN date_trunc('milliseconds', ts + (now() - ts) * (${rnd(42, 1000)} / 1000.0)) ELSE ts END
  FROM (
    SELECT g, b, reach,
      CASE WHEN ${rnd(1, 10)} = 0 THEN 'Maria' ELSE ${pickFrom(FIRST, 2)} END AS first,
      CASE WHEN ${rnd(3, 50)} = 0
        THEN ${pickFrom(SYL1, 4)} || ${pickFrom(SYL2, 5)} || ${pickFrom(SYL3, 6)}
        ELSE ${pickFrom(LAST, 7)} END AS last,
      date_trunc('milliseconds', now() - make_interval(secs => ${SIX_YEARS_S} * (1 - ((g - ${offset}) + ${rnd(8, 1000)} / 1000.0) / ${n}))) AS ts
    FROM (SELECT g, ${rnd(9, 20)} AS b, ${rnd(10, 20)} AS reach FROM generate_series(${offset + from}::bigint, ${offset + to}) AS g) r
  ) s`;
}

/** Plain SQL with the effect of `WorkspacesService.ensure` (race-safe create, then read). */
async function ensureWorkspace(db: Client, slug: string): Promise<string> {
  await db.query(
    `INSERT INTO workspaces (id, slug, name) VALUES ($1, $2, $2) ON CONFLICT (slug) DO NOTHING`,
    [newId(), slug],
  );
  return (await db.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [slug]))
    .rows[0].id;
}

export interface SeedResult {
  /** Seconds spent inserting (all workspaces), and in VACUUM ANALYZE afterwards. */
  insertSeconds: number;
  vacuumSeconds: number;
  /** Phones of a random sample that libphonenumber-js reads as valid, of those checked. */
  validPhones: number;
  checkedPhones: number;
}

/**
 * The indexes of `contacts` that nothing depends on (not the primary key, not a unique index a
 * foreign key references), with their full definitions (storage options included).
 */
async function droppableIndexes(db: Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await db.query<{ name: string; definition: string }>(`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = 'contacts'::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
    ORDER BY i.relname`);
  return rows;
}

export async function seed(
  databaseUrl: string,
  slug: string,
  contacts: number,
  others: number,
  log = console.log,
): Promise<SeedResult> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`SET synchronous_commit = off`);
    await db.query(`SET maintenance_work_mem = '512MB'`);
    const targets: [string, number][] = [
      [slug, contacts],
      [`${slug}-other-1`, others],
      [`${slug}-other-2`, others],
    ];
    if (targets.reduce((sum, [, n]) => sum + n, 0) > MAX_ROWS) {
      throw new Error(`At most ${MAX_ROWS} contacts per seed`);
    }
    const started = Date.now();
    let inserted = 0;
    // One transaction: the secondary indexes are dropped, the rows inserted, and the indexes built
    // again from their own definitions (a bulk build is many times faster than a million GIN
    // insertions); a failure leaves the database as it was. It locks the table meanwhile: a bench
    // database, not a live one.
    // Workspaces to fill: created if missing; one that holds contacts already is left as it is.
    const todo: { name: string; id: string; n: number; offset: number }[] = [];
    let offset = 0;
    for (const [name, n] of targets) {
      if (n <= 0) continue;
      const id = await ensureWorkspace(db, name);
      const existing = await db.query('SELECT 1 FROM contacts WHERE workspace_id = $1 LIMIT 1', [
        id,
      ]);
      if (existing.rowCount) log(`${name}: already has contacts, left as it is`);
      else todo.push({ name, id, n, offset });
      offset += n;
    }
    if (todo.length > 0) {
      await db.query('BEGIN');
      try {
        const indexes = await droppableIndexes(db);
        for (const { name } of indexes) await db.query(`DROP INDEX "${name}"`);
        for (const { name, id, n, offset: first } of todo) {
          const t = Date.now();
          // In chunks, so that progress shows and memory stays flat.
          const chunk = 250_000;
          for (let from = 1; from <= n; from += chunk) {
            await db.query(insertSql(n, from, Math.min(n, from + chunk - 1), first), [id]);
          }
          inserted += n;
          log(
            `${name}: ${n.toLocaleString('en')} contacts in ${((Date.now() - t) / 1000).toFixed(1)} s`,
          );
        }
        const t = Date.now();
        for (const { definition } of indexes) await db.query(definition);
        log(`${indexes.length} indexes built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
    }
    const insertSeconds = (Date.now() - started) / 1000;
    // The planner's statistics, and the visibility map (index-only scans of the listing index).
    const v = Date.now();
    if (inserted > 0) await db.query('VACUUM ANALYZE contacts');
    const vacuumSeconds = (Date.now() - v) / 1000;

    // A sample of the phones, read by the same library as the service.
    const share = Math.min(100, (200_000 / Math.max(inserted, 1)) * 2);
    const { rows } = await db.query<{ phone: string }>(
      `SELECT phone FROM contacts TABLESAMPLE BERNOULLI (${share.toFixed(4)}) WHERE phone IS NOT NULL LIMIT 2000`,
    );
    const validPhones = rows.filter(
      (r) => parsePhoneNumberFromString(r.phone)?.isValid() === true,
    ).length;
    log(
      `seeded in ${insertSeconds.toFixed(1)} s (indexes included), VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s; phones valid (libphonenumber-js): ${validPhones}/${rows.length} sampled`,
    );
    return { insertSeconds, vacuumSeconds, validPhones, checkedPhones: rows.length };
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
    console.error(
      'Usage: DATABASE_URL=… npm run -s bench:seed -- --workspace <slug> --contacts <n> [--others <n>]',
    );
    process.exit(2);
  }
  const n = Number(values.contacts);
  // The schema first, as the service would apply it (nothing to do on a migrated database).
  execFileSync(process.execPath, [join(__dirname, '../src/cli/main.js'), 'migration:run'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  seed(url, values.workspace, n, Number(values.others ?? Math.round(n / 4))).catch(
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
