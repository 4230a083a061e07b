import { validationException } from './validation';

/**
 * Opaque cursors: a list's position, as clients pass it back in `after`. `kind` tells the lists
 * apart (a history cursor is refused by the contact list), `value` is the position in that list;
 * base64url keeps clients from building or editing one.
 */
export function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`).toString('base64url');
}

/** The match of `pattern` on the position a cursor of `kind` holds; 400 naming `field` otherwise. */
export function decodeCursor(
  kind: string,
  cursor: string,
  pattern: RegExp,
  field = 'after',
): RegExpExecArray {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = text.startsWith(`${kind}:`) ? pattern.exec(text.slice(kind.length + 1)) : null;
  if (!match) {
    throw validationException([{ field, message: `${field} is not a cursor of this list` }]);
  }
  return match;
}
