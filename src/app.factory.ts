import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { finishOpenApiDocument } from './app.openapi';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { DomainException } from './common/errors/domain.exception';
import { renderError } from './common/errors/error-body';
import { AllowedMethods } from './common/http/allowed-methods';
import { ErrorCode } from './common/errors/error-code';
import { logRequest } from './common/logging/log-request';
import { buildOpenApiDocument, setupOpenApi } from './common/openapi/setup-openapi';
import { setupAsyncApi } from './event-catalogue/asyncapi';
import { REQUEST_ID_HEADER, requestIdOf } from './common/request-context/request-id';
import { AppValidationPipe } from './common/validation/validation';
import { type EnvironmentVariables, trustProxyOption } from './config/environment.variables';
import { refuseLateConnections } from './health/graceful-shutdown';
import { ServiceLifecycle } from './health/service-lifecycle';
import { nameRequestSpans } from './common/tracing/request-spans';

const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
/** The dashboard's forms (never the API's routes). */
const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** Errors of Node's HTTP parser and timers, by their code: what the client is told. */
const CLIENT_ERRORS: Record<string, [ErrorCode, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [ErrorCode.RequestTimeout, 'The request was not received in time'],
  HPE_HEADER_OVERFLOW: [ErrorCode.HeadersTooLarge, 'The request headers are too large'],
};

/**
 * Errors of the connection itself, before there is a request (headers or body not sent in time,
 * headers too large, unparsable HTTP): answered in the one error shape, then the socket is closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    ErrorCode.BadRequest,
    'The request is not valid HTTP',
  ];
  const { body } = renderError(new DomainException(code, message), randomUUID());
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${body.error}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `${REQUEST_ID_HEADER}: ${body.requestId}\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
    );
  }
  socket.destroy();
}

export function createFastifyAdapter(env: EnvironmentVariables): FastifyAdapter {
  return new FastifyAdapter({
    // Slow or stalled clients are cut off (408) instead of holding a connection for minutes; idle
    // keep-alive connections outlive the load balancer's (which closes them first).
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS),
      // How often Node looks for requests past those timeouts (its default is 30 s).
      connectionsCheckingInterval: 1000,
    },
    clientErrorHandler: answerClientError,
    // While closing, requests that still arrive on open connections are served (the database
    // closes after the server), with `Connection: close`; Fastify's own answer would be a 503 in
    // a shape of its own.
    return503OnClosing: false,
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
  // Nest routes Fastify's own errors (unparsable or oversized bodies) and unknown routes
  // through the same filter, so every layer answers in the one shape.
  const fastify = app.getHttpAdapter().getInstance();
  app.useGlobalFilters(new AllExceptionsFilter(AllowedMethods.attach(fastify)));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  nameRequestSpans(fastify);
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequest(request, reply);
    done();
  });
  // The API speaks JSON only: a body of any other type is refused before it is read. The
  // dashboard's forms post url-encoded bodies (Nest's Fastify adapter parses them).
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const type = request.headers['content-type'];
    const hasBody = type !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    const form = FORM_CONTENT_TYPE.test(type ?? '') && !request.url.startsWith('/v1/');
    if (hasBody && !form && !JSON_CONTENT_TYPE.test(type ?? '')) {
      done(
        new DomainException(
          ErrorCode.UnsupportedMediaType,
          'Content-Type must be application/json',
        ),
      );
      return;
    }
    done(null, payload);
  });
  return app;
}

export type CreateAppOptions = AppModuleOptions;

/** Builds the whole application, configured and initialised, not yet listening. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { env } = options;
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    createFastifyAdapter(env),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  const instance = env.INSTANCE_NAME;
  if (instance) {
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', (_request, reply, done) => {
        void reply.header('x-served-by', instance);
        done();
      });
  }
  // While the instance shuts down, no connection is kept for another request, and connections
  // opened once it is closing are refused with a 503 (see health/graceful-shutdown.ts).
  const lifecycle = app.get(ServiceLifecycle);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (lifecycle.draining) void reply.header('connection', 'close');
    done(null, payload);
  });
  refuseLateConnections(fastify, lifecycle);
  setupOpenApi(app, finishOpenApiDocument(env));
  setupAsyncApi(app, () => buildOpenApiDocument(app), env.NATS_STREAM);
  // What a person who opens the service's address finds: where everything is.
  app
    .getHttpAdapter()
    .getInstance()
    .get('/', (_request, reply) => {
      void reply.send({
        service: 'Safravo Contacts',
        api: '/v1/contacts (X-API-Key: create one with `npm run -s cli -- api-keys:create --workspace <slug> --scopes read:contacts,write:contacts`)',
        docs: '/docs',
        openapi: '/openapi.json',
        asyncapi: '/asyncapi.json',
        health: '/health/ready',
        dashboard:
          '/{workspace-slug}/contacts (sign in with `npm run -s cli -- dashboard:link --workspace <slug>`)',
      });
    });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
