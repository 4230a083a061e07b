import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { ApiKeysService } from '../api-keys/api-keys.service';
import { DomainException } from '../common/errors/domain.exception';
import type { AuthFailureLimiter } from './auth-failure-limiter';
import { ApiKeyGuard } from './api-key.guard';
import type { AuthContext } from './auth-context';
import { Public, RequireScopes } from './auth.decorators';

class TestController {
  @RequireScopes('read:contacts')
  list(): void {}

  @Public()
  health(): void {}
}

@Public()
class PublicController {
  index(): void {}
}

const VALID_KEY = `saf_live_${'a'.repeat(40)}`;
const AUTH: AuthContext = {
  apiKeyId: '6634e2b1a7c3f500231a8b01',
  keyPrefix: 'saf_live_aaaaaa',
  workspaceId: '6634e2b1a7c3f500231a8b99',
  scopes: new Set(['read:contacts']),
};

interface FakeRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  auth?: AuthContext;
  authAttemptCounted?: boolean;
}

function contextFor(
  controller: new () => object,
  handler: string,
  request: FakeRequest,
): ExecutionContext {
  const method = (controller.prototype as Record<string, () => void>)[handler];
  return new ExecutionContextHost([request, {}], controller as never, method);
}

describe('ApiKeyGuard', () => {
  let authenticate: jest.Mock<Promise<AuthContext | undefined>, [string]>;
  let succeeded: jest.Mock<Promise<void>, [string]>;
  let guard: ApiKeyGuard;

  beforeEach(() => {
    authenticate = jest.fn((key: string) => Promise.resolve(key === VALID_KEY ? AUTH : undefined));
    succeeded = jest.fn((_address: string) => Promise.resolve());
    guard = new ApiKeyGuard(
      new Reflector(),
      { authenticate } as unknown as ApiKeysService,
      { succeeded } as unknown as AuthFailureLimiter,
    );
  });

  async function rejection(promise: Promise<unknown>): Promise<DomainException> {
    const error: unknown = await promise.then(
      () => {
        throw new Error('expected the guard to refuse');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainException);
    return error as DomainException;
  }

  it.each([
    [TestController, 'health'],
    [PublicController, 'index'],
  ])(
    'lets a public route (%p.%s) through without a key and without a lookup',
    async (controller, handler) => {
      const request: FakeRequest = { headers: {} };
      await expect(guard.canActivate(contextFor(controller, handler, request))).resolves.toBe(true);
      expect(authenticate).not.toHaveBeenCalled();
      expect(request.auth).toBeUndefined();
    },
  );

  it.each([
    ['absent', {}],
    ['empty', { 'x-api-key': '' }],
  ])('refuses a request whose key is %s with missing_api_key', async (_label, headers) => {
    const error = await rejection(
      guard.canActivate(contextFor(TestController, 'list', { headers })),
    );
    expect(error.code).toBe('missing_api_key');
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('refuses a key the service does not accept with invalid_api_key, leaving the counted attempt counted', async () => {
    const request: FakeRequest = {
      headers: { 'x-api-key': `saf_live_${'b'.repeat(40)}` },
      ip: '203.0.113.7',
      authAttemptCounted: true,
    };
    const error = await rejection(guard.canActivate(contextFor(TestController, 'list', request)));
    expect(error.code).toBe('invalid_api_key');
    expect(authenticate).toHaveBeenCalledWith(`saf_live_${'b'.repeat(40)}`);
    expect(succeeded).not.toHaveBeenCalled();
    expect(request.auth).toBeUndefined();
  });

  it('refuses a repeated X-API-Key header with invalid_api_key, without a lookup', async () => {
    const request: FakeRequest = { headers: { 'x-api-key': [VALID_KEY, VALID_KEY] } };
    const error = await rejection(guard.canActivate(contextFor(TestController, 'list', request)));
    expect(error.code).toBe('invalid_api_key');
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('accepts a valid key, attaches the caller to request.auth and takes back the counted attempt', async () => {
    const request: FakeRequest = {
      headers: { 'x-api-key': VALID_KEY },
      ip: '203.0.113.7',
      authAttemptCounted: true,
    };
    await expect(guard.canActivate(contextFor(TestController, 'list', request))).resolves.toBe(
      true,
    );
    expect(authenticate).toHaveBeenCalledTimes(1);
    expect(succeeded).toHaveBeenCalledWith('203.0.113.7');
    expect(request.auth).toBe(AUTH);
  });

  it('takes nothing back for a key known valid, whose attempt was never counted', async () => {
    const request: FakeRequest = { headers: { 'x-api-key': VALID_KEY }, ip: '203.0.113.7' };
    await expect(guard.canActivate(contextFor(TestController, 'list', request))).resolves.toBe(
      true,
    );
    expect(succeeded).not.toHaveBeenCalled();
  });

  it('does not put the key into its error messages', async () => {
    const presented = `saf_live_${'c'.repeat(40)}`;
    const error = await rejection(
      guard.canActivate(
        contextFor(TestController, 'list', { headers: { 'x-api-key': presented } }),
      ),
    );
    expect(error.message).not.toContain(presented);
    expect(JSON.stringify(error.details ?? [])).not.toContain(presented);
  });
});
