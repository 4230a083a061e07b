import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateEnvironment } from '../src/config/environment.variables';
import { buildOpenApiDocumentOffline } from '../src/openapi-document';

/** What `npm run client:generate` writes, by path from the repository's root. */
export const CLIENT_FILES = {
  /** The OpenAPI document, for any generator (the TypeScript types below are made from it). */
  document: 'clients/openapi.json',
  /** The TypeScript types of every path, operation and schema, for openapi-fetch. */
  schema: 'clients/typescript/src/schema.d.ts',
} as const;

const HEADER = `/**
 * The Safravo Contacts API's types, generated from clients/openapi.json by openapi-typescript:
 * do not edit (\`npm run client:generate\` rewrites this file; a test fails while it is stale).
 */
`;

/**
 * openapi-typescript and Prettier run in a child Node process: both load ESM-only modules, which
 * Node 20.19+ requires from CommonJS but Jest's module runtime cannot (the staleness test runs
 * this generator under Jest).
 */
function run(root: string, args: string[], input: string): string {
  return execFileSync(process.execPath, args, {
    cwd: root,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The document's TypeScript types (`paths`, `operations`, `components`), by openapi-typescript. */
const OPENAPI_TYPESCRIPT = `
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk)).on('end', async () => {
    const document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    process.stdout.write(astToString(await openapiTS(document, { silent: true })));
  });
`;

/** A file formatted as the repository's Prettier configuration says. */
function prettier(root: string, path: string, source: string): string {
  return run(
    root,
    [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', path],
    source,
  );
}

/**
 * The client's generated files, as they should be committed. The document is built without a
 * database, from the settings' defaults (never this machine's environment), so every machine
 * generates the same files: its `servers` say `http://localhost:3000`, and each route's rate
 * limit is the default one.
 */
export async function renderClientFiles(root: string): Promise<Record<string, string>> {
  const document = await buildOpenApiDocumentOffline(validateEnvironment({}));
  const json = JSON.stringify(document);
  const types = run(root, ['-e', OPENAPI_TYPESCRIPT], json);
  return {
    [CLIENT_FILES.document]: prettier(root, CLIENT_FILES.document, json),
    [CLIENT_FILES.schema]: prettier(root, CLIENT_FILES.schema, HEADER + types),
  };
}

async function main(): Promise<void> {
  const root = process.cwd();
  for (const [path, content] of Object.entries(await renderClientFiles(root))) {
    writeFileSync(join(root, path), content);
    console.log(`wrote ${path}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
