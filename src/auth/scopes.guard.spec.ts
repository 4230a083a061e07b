import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { DomainException } from '../common/errors/domain.exception';
import type { AuthContext } from './auth-context';
import { Public, RequireScopes } from './auth.decorators';
import type { Scope } from '../api-keys/scopes';
import { ScopesGuard } from './scopes.guard';

class TestController {
  @RequireScopes('write:contacts')
  create(): void {}

  @RequireScopes('read:contacts', 'write:contacts')
  readAndWrite(): void {}

  @Public()
  health(): void {}

  undecorated(): void {}
}

@RequireScopes('read:contacts')
class ScopedController {
  list(): void {}
}

function auth(scopes: Scope[]): AuthContext {
  return {
    apiKeyId: 'k1',
    keyPrefix: 'saf_live_AbC123',
    workspaceId: 'w1',
    scopes: new Set(scopes),
  };
}

function contextFor(
  controller: new () => object,
  handler: string,
  request: { auth?: AuthContext } = {},
): ExecutionContext {
  const method = (controller.prototype as Record<string, () => void>)[handler];
  return new ExecutionContextHost([request, {}], controller as never, method);
}

function thrownBy(fn: () => unknown): DomainException {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainException);
    return error as DomainException;
  }
  throw new Error('expected the guard to throw');
}

describe('ScopesGuard', () => {
  const guard = new ScopesGuard(new Reflector());

  it('lets a public route through, even without a caller', () => {
    expect(guard.canActivate(contextFor(TestController, 'health'))).toBe(true);
  });

  it('lets a key with the route scope through', () => {
    expect(
      guard.canActivate(contextFor(TestController, 'create', { auth: auth(['write:contacts']) })),
    ).toBe(true);
  });

  it('reads scopes declared on the controller class', () => {
    expect(
      guard.canActivate(contextFor(ScopedController, 'list', { auth: auth(['read:contacts']) })),
    ).toBe(true);
    expect(
      thrownBy(() => guard.canActivate(contextFor(ScopedController, 'list', { auth: auth([]) })))
        .code,
    ).toBe('insufficient_scope');
  });

  it('refuses a route without scope metadata, even for a key with every scope (deny by default)', () => {
    const error = thrownBy(() =>
      guard.canActivate(
        contextFor(TestController, 'undecorated', {
          auth: auth(['read:contacts', 'write:contacts', 'read:conversations', 'write:messages']),
        }),
      ),
    );
    expect(error.code).toBe('insufficient_scope');
  });

  it('refuses a key without the scope, naming it in the message and the details', () => {
    const error = thrownBy(() =>
      guard.canActivate(contextFor(TestController, 'create', { auth: auth(['read:contacts']) })),
    );
    expect(error.code).toBe('insufficient_scope');
    expect(error.message).toContain('write:contacts');
    expect(error.details).toEqual([{ scope: 'write:contacts' }]);
  });

  it('names only the scopes that are missing', () => {
    const error = thrownBy(() =>
      guard.canActivate(
        contextFor(TestController, 'readAndWrite', { auth: auth(['read:contacts']) }),
      ),
    );
    expect(error.details).toEqual([{ scope: 'write:contacts' }]);
    expect(error.message).not.toContain('read:contacts');
  });

  it('refuses a request that was never authenticated', () => {
    expect(thrownBy(() => guard.canActivate(contextFor(TestController, 'create'))).code).toBe(
      'insufficient_scope',
    );
  });
});
