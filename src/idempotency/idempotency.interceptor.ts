import { createHash, randomUUID } from 'node:crypto';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { validationException } from '../common/validation/validation';
import { type AnsweredRequest, type RouteAnswer, IDEMPOTENT_ANSWER } from './idempotent.decorator';
import type { StoredResponse } from './idempotency-key.entity';
import { IdempotencyScope, keyInUse } from './idempotency-scope';
import { IdempotencyRepository } from './idempotency.repository';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';

const WRITE_METHODS = new Set(['POST', 'PATCH', 'DELETE']);
/** 1 to 255 visible ASCII characters (SPEC §11). */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/** The response headers an answer keeps for its replay. */
const KEPT_HEADERS = ['location', 'etag'];

/** JSON with object keys in order: one request, one fingerprint, whatever order its fields came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `Idempotency-Key` on every POST, PATCH and DELETE (SPEC §11). The key is claimed before the
 * route runs (a second request with it meanwhile: 409 `idempotency_key_in_use`), the answer is
 * stored with the route's write (IdempotencyScope) or, for a route that wrote nothing, right
 * after it; a retry with the same request replays it (`Idempotent-Replayed: true`), another
 * request with the key is 422 `idempotency_key_reused`. A route that fails before writing gives
 * the key back, so a retry runs afresh.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (!WRITE_METHODS.has(request.method) || header === undefined || !request.auth) {
      return next.handle();
    }
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      throw validationException([
        {
          field: 'Idempotency-Key',
          message: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
        },
      ]);
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const workspaceId = request.auth.workspaceId;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonical(request.body ?? null)}`)
      .digest('hex');
    const token = randomUUID();

    const claim = await this.keys.claim(workspaceId, header, fingerprint, token);
    if (claim.kind === 'replay') return this.replay(request, reply, claim.response);
    if (claim.kind === 'in_use') throw keyInUse();
    if (claim.kind === 'reused') {
      throw new DomainException(
        ErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used for a different request (method, path or body)',
      );
    }

    const handler = context.getHandler();
    const answer = this.reflector.get<
      ((result: unknown, request: AnsweredRequest) => RouteAnswer) | undefined
    >(IDEMPOTENT_ANSWER, handler);
    // The route's status is set before interceptors run (@HttpCode, or the method's default).
    const stored = (result: RouteAnswer): StoredResponse => ({
      status: result.status ?? reply.statusCode,
      headers: result.headers ?? {},
      body: result.body ?? null,
    });
    const scope = new IdempotencyScope(
      (result) => stored(answer ? answer(result, { requestId: request.id }) : { body: null }),
      (manager, response) => this.keys.complete(manager, workspaceId, header, token, response),
    );

    return new Observable((subscriber) =>
      scope.run(() =>
        next.handle().subscribe({
          next: (body) => {
            // The answer as the route gave it; when it differs from the one stored with the write
            // (a message's status, set after its transaction), the stored one is brought up to date.
            const live: StoredResponse = {
              status: reply.statusCode,
              headers: Object.fromEntries(
                KEPT_HEADERS.flatMap((name) =>
                  reply.hasHeader(name) ? [[name, String(reply.getHeader(name))]] : [],
                ),
              ),
              body: body ?? null,
            };
            const settle =
              scope.committed && JSON.stringify(scope.committed) === JSON.stringify(live)
                ? Promise.resolve()
                : this.keys
                    .complete(undefined, workspaceId, header, token, live)
                    .then(() => undefined);
            settle.then(
              () => {
                subscriber.next(body);
                subscriber.complete();
              },
              (error: unknown) => subscriber.error(error),
            );
          },
          error: (error: unknown) => {
            // Nothing was written (else its answer stands): the key is free again.
            const settle = scope.committed
              ? Promise.resolve()
              : this.keys.release(workspaceId, header, token);
            settle.then(
              () => subscriber.error(error),
              () => subscriber.error(error),
            );
          },
        }),
      ),
    );
  }

  private replay(
    request: FastifyRequest,
    reply: FastifyReply,
    response: StoredResponse,
  ): Observable<unknown> {
    void reply.status(response.status).header('idempotent-replayed', 'true');
    for (const [name, value] of Object.entries(response.headers)) void reply.header(name, value);
    const body = response.body;
    // An error body names the request it answers: this one. So does an item's error put in
    // place of an erased contact's result (a batch's items keep the id of the request that wrote them).
    if (body !== null && typeof body === 'object' && 'requestId' in body) {
      (body as { requestId: string }).requestId = request.id;
    }
    const results = (body as { results?: unknown } | null)?.results;
    if (Array.isArray(results)) {
      for (const result of results as { error?: { requestId?: string } }[]) {
        if (result.error?.requestId === '') result.error.requestId = request.id;
      }
    }
    return new Observable((subscriber) => {
      subscriber.next(response.status === 204 ? undefined : body);
      subscriber.complete();
    });
  }
}
