import type { OpenAPIObject } from '@nestjs/swagger';

type Media = { content?: Record<string, { example?: unknown }> };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  'x-required-scopes'?: string[];
  requestBody?: Media;
  responses?: Record<string, { description?: string } & Media>;
};

/** JSON on one line, with spaces, as people write it. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') {
    const fields = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
    return fields.length > 0 ? `{ ${fields.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/** JSON for readers: a value that fits on a line stays on one, a longer one is unfolded. */
function compactJson(value: unknown, indent = ''): string {
  const line = inline(value);
  if (indent.length + line.length <= 96 || !value || typeof value !== 'object') return line;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const fields = Object.entries(value).map(
    ([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`,
  );
  return `{\n${fields.join(',\n')}\n${indent}}`;
}

const jsonBlock = (title: string, value: unknown) => [
  `${title}:`,
  '',
  '```json',
  compactJson(value),
  '```',
  '',
];

/**
 * `docs/api.md`, the API reference the repository carries, rendered from the OpenAPI document:
 * one section per operation (its id, method and path, scope, what it does, its answers). The
 * OpenAPI test compares the file with this rendering, so the two cannot drift apart.
 */
export function renderApiReference(doc: OpenAPIObject): string {
  const lines = [
    '# API reference',
    '',
    'Generated from the OpenAPI document the service serves at `/openapi.json` (browsable at `/docs`);',
    'the test suite checks that this file matches it (`UPDATE_API_DOC=1 npm test -- --testPathPatterns openapi`',
    'rewrites it). Authentication: an API key in `X-API-Key`; every error has the shape',
    '`{ statusCode, error, code, message, details?, requestId }`. Events: `/asyncapi.json`. The base URL is',
    "the document's `servers` entry: `PUBLIC_URL`, else `http://localhost:<PORT>` (3000). A typed TypeScript client",
    'generated from this document is in `clients/typescript` (see the README).',
    '',
  ];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'patch', 'delete'] as const) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      lines.push(`## \`${op.operationId ?? '?'}\`: ${method.toUpperCase()} ${path}`, '');
      if (op.summary) {
        lines.push(
          `**${op.summary}.**${op['x-required-scopes'] ? ` Scope: \`${op['x-required-scopes'].join('`, `')}\`.` : ' No key needed.'}`,
          '',
        );
      }
      // The document states the limit this instance is configured with; the reference names the setting (defaults in the README).
      const description = op.description?.replace(
        /Rate limit: \d+ requests per minute per API key \(setting (`\w+`)\)\./,
        'Rate limit: per API key, setting $1.',
      );
      if (description) lines.push(description.replace(/\n+/g, ' ').trim(), '');
      const answers = Object.entries(op.responses ?? {}).map(
        ([status, r]) => `- ${status}: ${(r.description ?? '').replace(/\n+/g, ' ').trim()}`,
      );
      if (answers.length > 0) lines.push('Answers:', '', ...answers, '');
      // One example of the body and of the first successful answer (every status's are in the document).
      const body = op.requestBody?.content?.['application/json']?.example;
      if (body !== undefined) lines.push(...jsonBlock('Example request', body));
      const success = Object.entries(op.responses ?? {}).find(
        ([status, r]) =>
          status.startsWith('2') && r.content?.['application/json']?.example !== undefined,
      );
      if (success) {
        const [status, r] = success;
        lines.push(
          ...jsonBlock(`Example answer (${status})`, r.content?.['application/json']?.example),
        );
      }
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
