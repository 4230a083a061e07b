import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SECURITY } from './api-key-security';
import { documentExamples } from './document-examples';

/** A last change to the generated document (facts only the running configuration knows). */
export type OpenApiFinish = (document: OpenAPIObject) => OpenAPIObject;

export function buildOpenApiDocument(
  app: NestFastifyApplication,
  finish: OpenApiFinish = (d) => d,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Safravo Contacts API')
    .setDescription(
      'Contacts are the central entity of Safravo: every conversation and message is linked to one. ' +
        'Authenticate with an API key in `X-API-Key`; each route names its required scope in `x-required-scopes`. ' +
        'Every error has one shape: `{ statusCode, error, code, message, details?, requestId }`.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_SECURITY)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  return finish(documentExamples(documentHeaders(documentIdempotency(document))));
}

const header = (description: string, type: 'string' | 'integer' = 'string') => ({
  description,
  schema: { type },
});

/** The headers every answer carries, defined once in `components.headers` (SPEC §3, §5, §11). */
const SHARED_HEADERS = {
  'X-Request-Id': header(
    'The request id (yours when you sent a sane X-Request-Id); also in every error body and log line',
  ),
  'X-RateLimit-Limit': header('Requests per minute this key may make on this route', 'integer'),
  'X-RateLimit-Remaining': header('Requests left in the current window', 'integer'),
  'X-RateLimit-Reset': header(
    'Seconds until the oldest counted request leaves the window',
    'integer',
  ),
  'Retry-After': header('Seconds to wait before trying again', 'integer'),
  'Idempotent-Replayed': header(
    '`true` when this is the stored answer of an earlier request with the same Idempotency-Key',
  ),
};

/**
 * The headers every answer carries, on every documented response: `X-Request-Id` everywhere; the
 * rate-limit headers on the routes of an API key; `Retry-After` on 429 and 503; and
 * `Idempotent-Replayed` on the successes of writes. Each is a `$ref` to its one definition, so a
 * generated client has one type per header, not one per answer.
 */
function documentHeaders(document: OpenAPIObject): OpenAPIObject {
  const ref = (name: keyof typeof SHARED_HEADERS) => ({ $ref: `#/components/headers/${name}` });
  document.components = {
    ...document.components,
    headers: { ...document.components?.headers, ...SHARED_HEADERS },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const limited = (operation.security ?? []).length > 0;
      for (const [status, response] of Object.entries(operation.responses) as [
        string,
        { headers?: Record<string, unknown> },
      ][]) {
        const headers: Record<string, unknown> = { 'X-Request-Id': ref('X-Request-Id') };
        if (limited) {
          for (const name of [
            'X-RateLimit-Limit',
            'X-RateLimit-Remaining',
            'X-RateLimit-Reset',
          ] as const) {
            headers[name] = ref(name);
          }
        }
        if (status === '429' || status === '503') headers['Retry-After'] = ref('Retry-After');
        if (method !== 'get' && status.startsWith('2')) {
          headers['Idempotent-Replayed'] = ref('Idempotent-Replayed');
        }
        response.headers = { ...headers, ...(response.headers ?? {}) };
      }
    }
  }
  return document;
}

/**
 * The `Idempotency-Key` header of every POST, PATCH and DELETE (SPEC §11), and what it adds to
 * the answers: `Idempotent-Replayed` on a replay, 409 `idempotency_key_in_use`, 422
 * `idempotency_key_reused`.
 */
function documentIdempotency(document: OpenAPIObject): OpenAPIObject {
  const error = (status: number, code: string, message: string) => ({
    description: message,
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/ErrorBodyDto' },
        example: {
          statusCode: status,
          error: status === 409 ? 'Conflict' : 'Unprocessable Entity',
          code,
          message,
          requestId: '3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b',
        },
      },
    },
  });
  for (const item of Object.values(document.paths)) {
    for (const method of ['post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
          description:
            'Makes the request safe to retry for 24 hours: a retry of the same request gets the first answer again (with ' +
            '`Idempotent-Replayed: true`), stored in the same transaction as the write.',
        },
      ];
      const responses = operation.responses;
      const conflict = responses['409'] as { description?: string } | undefined;
      if (conflict) {
        conflict.description = `${conflict.description ?? ''}; or \`idempotency_key_in_use\`: a request with this Idempotency-Key is still running (see Retry-After)`;
      } else {
        responses['409'] = error(
          409,
          'idempotency_key_in_use',
          'A request with this Idempotency-Key is still running: retry after the time in Retry-After',
        );
      }
      responses['422'] = error(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different request (method, path or body)',
      );
    }
  }
  return document;
}

/** The API reference: the document at `/openapi.json`, browsable at `/docs`; both public. */
export function setupOpenApi(app: NestFastifyApplication, finish?: OpenApiFinish): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, finish), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}
