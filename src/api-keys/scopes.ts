/** Every scope an API key can carry (`action:resource`). Routes declare the one they need. */
export const scopes = {
  contactsRead: 'read:contacts',
  contactsWrite: 'write:contacts',
  conversationsRead: 'read:conversations',
  messagesWrite: 'write:messages',
} as const;

export type Scope = (typeof scopes)[keyof typeof scopes];

/**
 * Each scope classified as read or write. Typed as a complete record, so a scope added above
 * without a classification does not compile; `scopes.spec.ts` checks the rest.
 */
export const scopeAccess: Record<Scope, 'read' | 'write'> = {
  'read:contacts': 'read',
  'write:contacts': 'write',
  'read:conversations': 'read',
  'write:messages': 'write',
};

export const ALL_SCOPES: readonly Scope[] = Object.values(scopes);

export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}
