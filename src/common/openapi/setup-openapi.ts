import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SECURITY } from './api-key-security';

/** A last change to the generated document (facts only the running configuration knows). */
export type OpenApiFinish = (document: OpenAPIObject) => OpenAPIObject;

export function buildOpenApiDocument(app: NestFastifyApplication, finish: OpenApiFinish = (d) => d): OpenAPIObject {
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
  return finish(SwaggerModule.createDocument(app, config));
}

/** The API reference: the document at `/openapi.json`, browsable at `/docs`; both public. */
export function setupOpenApi(app: NestFastifyApplication, finish?: OpenApiFinish): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, finish), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}
