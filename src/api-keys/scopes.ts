/** Every scope an API key can carry (`action:resource`). Routes declare the one they need. */
export const scopes = {
  contactsRead: 'read:contacts',
  contactsWrite: 'write:contacts',
  conversationsRead: 'read:conversations',
  messagesWrite: 'write:messages',
  contactsErase: 'erase:contacts',
  webhooksManage: 'manage:webhooks',
} as const;

export type Scope = (typeof scopes)[keyof typeof scopes];

/**
 * Each scope classified by its action (read, write, erase: erasure is granted apart from writing;
 * manage: configuration of the workspace's integrations, such as webhook endpoints and their secrets). Typed as a complete record, so a scope added above
 * without a classification does not compile; `scopes.spec.ts` checks the rest.
 */
export const scopeAccess: Record<Scope, 'read' | 'write' | 'erase' | 'manage'> = {
  'read:contacts': 'read',
  'write:contacts': 'write',
  'read:conversations': 'read',
  'write:messages': 'write',
  'erase:contacts': 'erase',
  'manage:webhooks': 'manage',
};

export const ALL_SCOPES: readonly Scope[] = Object.values(scopes);

export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}
