import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from './error-body';

/**
 * Renders every error in the one shape: guards, pipes, handlers, unknown routes, and Fastify's
 * own body-parsing errors (which Nest routes here too).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { body, unexpected } = renderError(exception, request.id);
    if (unexpected) {
      // The stack goes to the log only, tied to the request id the client received.
      this.logger.error(
        `Unexpected error on ${request.method} ${request.url} (requestId ${request.id})`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    void http
      .getResponse<FastifyReply>()
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }
}
