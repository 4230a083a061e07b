import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import type { ServiceLifecycle } from './service-lifecycle';

/** The listener closes once no connection has arrived for this long (the balancer moved on)... */
const QUIET_MS = 300;
/** ...or after this long in any case (traffic that never pauses). */
const QUIET_WAIT_MAX_MS = 3000;
/** Requests a balancer retries on another instance by itself (nginx: `proxy_next_upstream`). */
const RETRIED_BY_BALANCERS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** How long a connection with no request on it is given before it is closed. */
const IDLE_GRACE_MS = 500;
/** Seconds a client refused while the instance closes is asked to wait. */
const RETRY_AFTER_SECONDS = 1;

const LATE = Symbol('acceptedWhileClosing');

/**
 * Installs what the shutdown needs on the HTTP server: connections opened once the instance is
 * closing are marked; their idempotent requests (GET, HEAD) get 503 `service_unavailable` with
 * `Retry-After`, which a balancer retries on another instance and counts against this one (nginx
 * then stops sending it anything), while any other request is still served: a POST refused here
 * would reach the client.
 */
export function refuseLateConnections(fastify: FastifyInstance, lifecycle: ServiceLifecycle): void {
  const state = { lastConnectionAt: 0 };
  fastify.server.on('connection', (socket: Socket & { [LATE]?: boolean }) => {
    state.lastConnectionAt = Date.now();
    if (lifecycle.closing) socket[LATE] = true;
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (
      (request.raw.socket as Socket & { [LATE]?: boolean })[LATE] &&
      RETRIED_BY_BALANCERS.has(request.method)
    ) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      done(
        new DomainException(
          ErrorCode.ServiceUnavailable,
          'This instance is shutting down: retry after the time in Retry-After',
        ),
      );
      return;
    }
    done();
  });
  lastConnections.set(fastify.server, state);
}

const lastConnections = new WeakMap<Server, { lastConnectionAt: number }>();

/**
 * Stops accepting without resetting anything, once the drain is over:
 * 1. the instance is `closing`: idempotent requests on connections opened from now on get a 503;
 * 2. the listening socket closes once no connection has arrived for QUIET_MS, or after
 *    QUIET_WAIT_MAX_MS (closing it while a balancer is still connecting would reset the
 *    connections waiting in the kernel's queue);
 * 3. requests in flight finish (their responses close their connections); a connection with no
 *    request on it is closed after IDLE_GRACE_MS (one opened just before the listener closed
 *    still gets its request answered).
 * `http.Server.close` is not used for step 2: it closes every idle connection at once, resetting
 * a request already on its way.
 */
export async function stopAccepting(server: Server, lifecycle: ServiceLifecycle): Promise<void> {
  lifecycle.startClosing();
  const state = lastConnections.get(server) ?? { lastConnectionAt: 0 };
  const giveUpAt = Date.now() + QUIET_WAIT_MAX_MS;
  for (
    let quiet = Date.now() - state.lastConnectionAt;
    quiet < QUIET_MS && Date.now() < giveUpAt;
    quiet = Date.now() - state.lastConnectionAt
  ) {
    await sleep(QUIET_MS - quiet);
  }
  const closed = new Promise<void>((resolve) =>
    NetServer.prototype.close.call(server, () => resolve()),
  );
  for (;;) {
    const done = await Promise.race([
      closed.then(() => true),
      sleep(IDLE_GRACE_MS).then(() => false),
    ]);
    if (done) return;
    server.closeIdleConnections();
  }
}

/**
 * Runs `close` on the first SIGTERM or SIGINT (it gets the signal), then exits: 0 once it has
 * finished, 1 when it fails or has not finished within `timeoutMs`. The entry points' shutdown
 * (the service's and the worker's), with what they close in between.
 */
export function exitOnSignals(
  logger: Logger,
  timeoutMs: number,
  close: (signal: NodeJS.Signals) => Promise<void>,
): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${timeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    try {
      await close(signal);
      logger.log('Closed');
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop(signal));
  }
}
