import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { composeExample } from './compose-example';

type MediaType = { schema?: SchemaObject | ReferenceObject; example?: unknown; examples?: unknown };

/**
 * An example on every operation's JSON request body and on each of its successful answers, for
 * readers and code generators (mock servers, SDK docs). A route that states its own (`@ApiBody({
 * examples })`, `@ApiResponse({ example })`) keeps it; the others get one composed from their
 * schema's property examples (see composeExample). A schema that cannot be composed is left
 * without: the OpenAPI test names the property that lacks an example.
 */
export function documentExamples(document: OpenAPIObject): OpenAPIObject {
  const fill = (media: MediaType | undefined) => {
    if (!media?.schema || media.example !== undefined || media.examples !== undefined) return;
    const composed = composeExample(media.schema, document.components);
    if ('value' in composed) media.example = composed.value;
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const body = operation.requestBody as { content?: Record<string, MediaType> } | undefined;
      fill(body?.content?.['application/json']);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('2')) continue;
        fill((response as { content?: Record<string, MediaType> }).content?.['application/json']);
      }
    }
  }
  return document;
}
