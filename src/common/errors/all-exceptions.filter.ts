import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AllowedMethods } from '../http/allowed-methods';
import { DomainException } from './domain.exception';
import { renderError } from './error-body';
import { ErrorCode } from './error-code';

/**
 * Renders every error in the one shape: guards, pipes, handlers, unknown routes, and Fastify's
 * own body-parsing errors (which Nest routes here too).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** `allowed`: the methods each path has routes for, so that a wrong method is 405, not 404. */
  constructor(private readonly allowed?: AllowedMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { body, unexpected, retryAfter, headers } = renderError(
      this.methodNotAllowed(exception, request) ?? exception,
      request.id,
    );
    // The request id and the route's pattern, never the URL: a query string holds search terms
    // (emails, phones). Given explicitly: a filter may run outside the request's log context.
    const where = {
      reqId: request.id,
      route: `${request.method} ${request.routeOptions.url ?? '(no route)'}`,
    };
    if (unexpected) {
      // The stack goes to the log only, tied to the request id the client received.
      this.logger.error({ ...where, err: exception }, 'Unexpected error');
    } else if (retryAfter !== undefined) {
      this.logger.warn(
        { ...where, cause: exception instanceof Error ? exception.message : String(exception) },
        body.message,
      );
    }
    const reply = http.getResponse<FastifyReply>();
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    for (const [name, value] of Object.entries(headers ?? {})) void reply.header(name, value);
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  /** A request no route matched, on a path that has routes for other methods: 405 with `Allow`. */
  private methodNotAllowed(
    exception: unknown,
    request: FastifyRequest,
  ): DomainException | undefined {
    if (
      !(exception instanceof NotFoundException) ||
      request.routeOptions.url !== undefined ||
      !this.allowed
    ) {
      return undefined;
    }
    const methods = this.allowed.of(request.url);
    if (methods.length === 0) return undefined;
    return new DomainException(
      ErrorCode.MethodNotAllowed,
      `${request.method} is not allowed here: use ${methods.join(', ')}`,
      undefined,
      { allow: methods.join(', ') },
    );
  }
}
