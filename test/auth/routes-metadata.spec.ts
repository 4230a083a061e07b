import { Controller, Get, Module, Post } from '@nestjs/common';
import { isScope, scopeAccess } from '../../src/api-keys/scopes';
import { Public, RequireScopes } from '../../src/auth/auth.decorators';
import { appRoutes, controllersOf, routesOf, undeclaredRoutes } from '../utils/route-inventory';

/**
 * Deny by default is enforced at run time by ScopesGuard; this scan makes a forgotten decorator
 * fail the build instead of shipping a route that answers 403 to everyone.
 */
describe('route auth metadata', () => {
  it('every route of the app declares @RequireScopes or @Public', () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(0);
    expect(undeclaredRoutes(routes).map((r) => `${r.method} ${r.controller}.${r.handler}`)).toEqual(
      [],
    );
  });

  it('every POST, PATCH and DELETE route of the API declares its answer for Idempotency-Key (@Idempotent), so it is stored with the write', () => {
    // The dashboard's forms (public routes with a session of their own) are not the API.
    const writes = appRoutes().filter(
      (r) => ['POST', 'PATCH', 'DELETE'].includes(r.method) && !r.isPublic,
    );
    expect(writes.length).toBeGreaterThanOrEqual(7);
    expect(
      writes.filter((r) => !r.idempotent).map((r) => `${r.method} ${r.controller}.${r.handler}`),
    ).toEqual([]);
  });

  describe('the scan itself', () => {
    @Controller('dummy')
    class DummyController {
      @Get()
      @RequireScopes('read:contacts')
      declared(): string {
        return 'ok';
      }

      @Post()
      forgotten(): string {
        return 'oops';
      }

      @Get('health')
      @Public()
      health(): string {
        return 'ok';
      }

      notARoute(): string {
        return 'helper';
      }
    }

    @RequireScopes('write:contacts')
    @Controller('scoped')
    class ClassScopedController {
      @Post()
      create(): string {
        return 'ok';
      }
    }

    @Public()
    @Controller('open')
    class PublicController {
      @Get()
      index(): string {
        return 'ok';
      }
    }

    @Module({ controllers: [DummyController] })
    class InnerModule {}

    @Module({ imports: [InnerModule] })
    class DummyModule {}

    it('flags an undecorated route handler and only that one', () => {
      const routes = routesOf([DummyController, ClassScopedController, PublicController]);
      expect(routes.map((r) => r.handler).sort()).toEqual([
        'create',
        'declared',
        'forgotten',
        'health',
        'index',
      ]);
      expect(undeclaredRoutes(routes)).toEqual([
        expect.objectContaining({
          controller: 'DummyController',
          handler: 'forgotten',
          method: 'POST',
        }),
      ]);
    });

    it('reads scopes declared on the controller class', () => {
      const [route] = routesOf([ClassScopedController]);
      expect(route.requiredScopes).toEqual(['write:contacts']);
    });

    it('finds controllers of nested and dynamic modules', () => {
      expect(controllersOf(DummyModule)).toEqual([DummyController]);
      expect(controllersOf({ module: DummyModule, controllers: [PublicController] })).toEqual(
        expect.arrayContaining([DummyController, PublicController]),
      );
    });
  });
});

describe('scopes used by routes', () => {
  const routes = appRoutes();

  it('finds the routes of the app (the scan is not empty)', () => {
    expect(routes.map((r) => `${r.method} ${r.controller}.${r.handler}`)).toEqual(
      expect.arrayContaining(['GET ContactsController.list', 'POST ContactsController.create']),
    );
  });

  it('every scope a route requires is a known scope', () => {
    const unknown = routes.flatMap((r) =>
      (r.requiredScopes ?? [])
        .filter((s) => !isScope(s))
        .map((s) => `${r.controller}.${r.handler}: ${s}`),
    );
    expect(unknown).toEqual([]);
  });

  it('read routes (GET) require only read scopes (or manage: who manages a configuration reads it)', () => {
    const wrong = routes
      .filter((r) => r.method === 'GET')
      .flatMap((r) =>
        (r.requiredScopes ?? [])
          .filter((s) => isScope(s) && scopeAccess[s] !== 'read' && scopeAccess[s] !== 'manage')
          .map((s) => `${r.controller}.${r.handler}: ${s}`),
      );
    expect(wrong).toEqual([]);
  });
});
