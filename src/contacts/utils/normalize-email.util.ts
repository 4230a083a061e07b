/** Emails are stored trimmed and lower-cased, so `Jane@X.com` and `jane@x.com` are one contact. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
