import { ALL_SCOPES, isScope, scopeAccess, scopes } from './scopes';

describe('scopes', () => {
  it('lists the scopes of SPEC §2', () => {
    expect([...ALL_SCOPES].sort()).toEqual(
      expect.arrayContaining([
        'read:contacts',
        'read:conversations',
        'write:contacts',
        'write:messages',
        'erase:contacts',
      ]),
    );
  });

  it.each(Object.entries(scopes))('%s = %s is action:resource', (_name, scope) => {
    expect(scope).toMatch(/^(read|write|erase|manage):[a-z]+(-[a-z]+)*$/);
  });

  it('has distinct values', () => {
    expect(new Set(ALL_SCOPES).size).toBe(ALL_SCOPES.length);
  });

  it.each(ALL_SCOPES)('classifies %s by its action', (scope) => {
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
});
