import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  'x-required-scopes'?: string[];
  responses?: Record<string, { description?: string }>;
};

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
    '`{ statusCode, error, code, message, details?, requestId }`. Events: `/asyncapi.json`.',
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
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
