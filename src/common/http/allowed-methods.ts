import type { FastifyInstance, RouteOptions } from 'fastify';

/** The methods an unknown-method request is told about (`Allow`), in this order. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Which methods a path has routes for: a request with another method on it is 405 with `Allow`
 * (RFC 9110), not a bare 404. Fed by Fastify's `onRoute` hook, so it knows every route as
 * registered (Nest's too); patterns are matched segment by segment (`:id` matches one segment).
 * The dashboard's routes under a workspace slug are not counted: a wrong method there stays 404.
 */
export class AllowedMethods {
  private readonly routes: { pattern: RegExp; methods: string[] }[] = [];

  /** Collects the routes of `fastify` as they are registered (call before any is). */
  static attach(fastify: FastifyInstance): AllowedMethods {
    const table = new AllowedMethods();
    fastify.addHook('onRoute', (route: RouteOptions) =>
      table.add(route.url, ([] as string[]).concat(route.method)),
    );
    return table;
  }

  private add(url: string, methods: string[]): void {
    // Routes whose first segment is a parameter (the dashboard's `/:slug/...`) would claim every
    // API path of the same shape (`/v1/contacts` as a slug `v1`): they are left out.
    if (url.startsWith('/:')) return;
    const source = url
      .replace(/\/+$/, '')
      .split('/')
      .map((segment) =>
        segment.startsWith(':')
          ? '[^/]+'
          : segment === '*'
            ? '.*'
            : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    this.routes.push({
      pattern: new RegExp(`^${source}/?$`),
      methods: methods.map((m) => m.toUpperCase()),
    });
  }

  /** The methods some route serves at `path` (its query string ignored); none when no route does. */
  of(path: string): string[] {
    const bare = path.split('?')[0];
    const found = new Set(
      this.routes.filter((r) => r.pattern.test(bare)).flatMap((r) => r.methods),
    );
    return METHODS.filter((m) => found.has(m));
  }
}
