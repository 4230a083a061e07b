import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.factory';
import { finishOpenApiDocument } from './app.openapi';
import { buildOpenApiDocument } from './common/openapi/setup-openapi';
import type { EnvironmentVariables } from './config/environment.variables';

/**
 * The OpenAPI document the service serves at `/openapi.json` for these settings, built without a
 * database or a port: Nest's preview mode reads the modules' routes and DTOs without creating a
 * provider. `npm run client:generate` writes it, and the client is generated from it.
 */
export async function buildOpenApiDocumentOffline(
  env: EnvironmentVariables,
): Promise<OpenAPIObject> {
  // Never connected to: preview mode creates no provider, so no connection pool either.
  const database = { url: 'postgresql://offline.invalid/none', poolSize: env.DATABASE_POOL_SIZE };
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ env, database }),
    createFastifyAdapter(env),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    configureApp(app);
    return buildOpenApiDocument(app, finishOpenApiDocument(env));
  } finally {
    await app.close();
  }
}
