import { appRoutes } from '../../../test/utils/route-inventory';
import { ALL_SCOPES, isScope, scopeAccess, scopes } from './scopes';

describe('scopes', () => {
  it('lists the scopes of SPEC §2', () => {
    expect([...ALL_SCOPES].sort()).toEqual(
      expect.arrayContaining([
        'read:contacts',
        'read:conversations',
        'write:contacts',
        'write:messages',
      ]),
    );
  });

  it.each(Object.entries(scopes))('%s = %s is action:resource', (_name, scope) => {
    expect(scope).toMatch(/^(read|write):[a-z]+(-[a-z]+)*$/);
  });

  it('has distinct values', () => {
    expect(new Set(ALL_SCOPES).size).toBe(ALL_SCOPES.length);
  });

  it.each(ALL_SCOPES)('classifies %s as read or write, matching its action', (scope) => {
    expect(scopeAccess[scope]).toBe(scope.split(':')[0]);
  });

  it('classifies no scope that does not exist', () => {
    expect(Object.keys(scopeAccess).sort()).toEqual([...ALL_SCOPES].sort());
  });

  it('isScope accepts exactly the known scopes', () => {
    for (const scope of ALL_SCOPES) expect(isScope(scope)).toBe(true);
    for (const other of [
      '',
      'read',
      'contacts:read',
      'READ:CONTACTS',
      'read:contacts ',
      'admin:*',
      'toString',
    ]) {
      expect(isScope(other)).toBe(false);
    }
  });

  describe('used by routes', () => {
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

    it('read routes (GET) require only read scopes', () => {
      const wrong = routes
        .filter((r) => r.method === 'GET')
        .flatMap((r) =>
          (r.requiredScopes ?? [])
            .filter((s) => isScope(s) && scopeAccess[s] !== 'read')
            .map((s) => `${r.controller}.${r.handler}: ${s}`),
        );
      expect(wrong).toEqual([]);
    });
  });
});
