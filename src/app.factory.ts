import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { documentRateLimits } from './auth/rate-limit/document-rate-limits';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { DomainException } from './common/errors/domain.exception';
import { renderError } from './common/errors/error-body';
import { ErrorCode } from './common/errors/error-code';
import { logRequest } from './common/logging/log-request';
import { setupOpenApi } from './common/openapi/setup-openapi';
import { REQUEST_ID_HEADER, requestIdOf } from './common/request-context/request-id';
import { AppValidationPipe } from './common/validation/validation';
import { type EnvironmentVariables, trustProxyOption } from './config/environment.variables';
import type { DatabaseConnection } from './database/typeorm-options';

const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

export function createFastifyAdapter(env: EnvironmentVariables): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    // X-Forwarded-For is believed only from the configured proxies (never blanket trust).
    trustProxy: trustProxyOption(env.TRUST_PROXY),
    // Trailing slashes and duplicate slashes are not distinct routes.
    routerOptions: { ignoreTrailingSlash: true },
    // URLs the router refuses before any hook or Nest code runs still answer in the one shape.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const { body } = renderError(error, request.id);
      void reply.status(body.statusCode).header(REQUEST_ID_HEADER, request.id).send(body);
    },
  });
}

/**
 * Everything about the HTTP pipeline that is not a module: versioning, the validation pipe, the
 * one error shape for every layer (Nest and Fastify alike) and request ids. Called by `main.ts`
 * and by the tests, so the tests exercise the real pipeline.
 */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // Nest routes Fastify's own errors (unparsable or oversized bodies) and unknown routes
  // through the same filter, so every layer answers in the one shape.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequest(request, reply);
    done();
  });
  // The API speaks JSON only: a body of any other type is refused before it is read.
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const type = request.headers['content-type'];
    const hasBody = type !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (hasBody && !JSON_CONTENT_TYPE.test(type ?? '')) {
      done(new DomainException(ErrorCode.UnsupportedMediaType, 'Content-Type must be application/json'));
      return;
    }
    done(null, payload);
  });
  return app;
}

export interface CreateAppOptions {
  env: EnvironmentVariables;
  database: DatabaseConnection;
}

/** Builds the whole application, configured and initialised, not yet listening. */
export async function createApp({ env, database }: CreateAppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ env, database }),
    createFastifyAdapter(env),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  const instance = env.INSTANCE_NAME;
  if (instance) {
    app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
      void reply.header('x-served-by', instance);
      done();
    });
  }
  setupOpenApi(app, (document) => documentRateLimits(document, env));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
