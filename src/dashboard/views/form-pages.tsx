import { Csrf, Notice, type PageContext } from './layout';

/** The form's fields, in order: name, label, kind, hint. */
export const FORM_FIELDS = [
  { name: 'firstName', label: 'First name', kind: 'text', hint: 'Required.' },
  { name: 'lastName', label: 'Last name', kind: 'text' },
  {
    name: 'phone',
    label: 'Phone',
    kind: 'tel',
    hint: 'With the country code (+254 712 345 678), or as dialled in the workspace’s country.',
  },
  { name: 'email', label: 'Email', kind: 'email', hint: 'A phone or an email is required.' },
  { name: 'additionalPhones', label: 'Other phones', kind: 'text', hint: 'Separated by commas.' },
  { name: 'additionalEmails', label: 'Other emails', kind: 'text', hint: 'Separated by commas.' },
  { name: 'company', label: 'Company', kind: 'text' },
  { name: 'jobTitle', label: 'Job title', kind: 'text' },
  { name: 'website', label: 'Website', kind: 'url' },
  {
    name: 'lifecycle',
    label: 'Lifecycle stage',
    kind: 'text',
    hint: 'For example: Lead, Customer.',
  },
  { name: 'tags', label: 'Tags', kind: 'text', hint: 'Separated by commas.' },
  { name: 'notes', label: 'Notes', kind: 'textarea' },
] as const;

export type FormField = (typeof FORM_FIELDS)[number]['name'];
export type FormValues = Partial<Record<FormField, string>>;

/** What went wrong with a form: a message per field (and for the whole form), and links to contacts that hold a value already. */
export interface FormErrors {
  fields: Partial<Record<FormField, string>>;
  /** The field whose value another contact holds, and that contact. */
  duplicates: { field: FormField; contactId: string | null }[];
  message?: string;
  requestId?: string;
}

export function ContactFormPage({
  ctx,
  values,
  errors,
  contactId,
  version,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FormErrors;
  /** The contact being edited (none for a new one). */
  contactId?: string;
  /** The version the form was opened at (an edit is refused if the contact changed since). */
  version?: number;
}) {
  const editing = contactId !== undefined;
  const action = editing ? `/${ctx.slug}/contacts/${contactId}` : `/${ctx.slug}/contacts`;
  const problems = errors ? Object.entries(errors.fields) : [];
  return (
    <>
      <p>
        <a href={editing ? `/${ctx.slug}/contacts/${contactId}` : `/${ctx.slug}/contacts`}>
          ← {editing ? 'Back to the contact' : 'All contacts'}
        </a>
      </p>
      <h1>{editing ? 'Edit contact' : 'New contact'}</h1>
      {errors && (
        <div class="notice notice-error" role="alert" tabIndex={-1} id="form-errors">
          <p>{errors.message ?? 'The contact was not saved:'}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map(([field, message]) => (
                <li key={field}>
                  <a href={`#${field}`}>{message}</a>
                </li>
              ))}
            </ul>
          )}
          {errors.requestId && (
            <p class="muted">
              Request id: <code>{errors.requestId}</code>
            </p>
          )}
        </div>
      )}
      <form method="post" action={action} noValidate>
        <Csrf ctx={ctx} />
        {version !== undefined && <input type="hidden" name="_version" value={String(version)} />}
        {FORM_FIELDS.map((field) => {
          const error = errors?.fields[field.name];
          const duplicate = errors?.duplicates.find((d) => d.field === field.name);
          const hintId = 'hint' in field ? `${field.name}-hint` : undefined;
          const errorId = error ? `${field.name}-error` : undefined;
          const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
          const common = {
            id: field.name,
            name: field.name,
            'aria-invalid': error ? ('true' as const) : undefined,
            'aria-describedby': describedBy,
          };
          return (
            <div class="field" key={field.name}>
              <label for={field.name}>{field.label}</label>
              {field.kind === 'textarea' ? (
                <textarea {...common}>{values[field.name] ?? ''}</textarea>
              ) : (
                <input
                  {...common}
                  type={field.kind}
                  value={values[field.name] ?? ''}
                  autoComplete="off"
                />
              )}
              {'hint' in field && (
                <p id={hintId} class="hint">
                  {field.hint}
                </p>
              )}
              {error && (
                <p id={errorId} class="error">
                  {error}
                  {duplicate?.contactId && (
                    <>
                      {' '}
                      <a href={`/${ctx.slug}/contacts/${duplicate.contactId}`}>
                        Open the existing contact
                      </a>
                    </>
                  )}
                </p>
              )}
            </div>
          );
        })}
        <div class="actions">
          <button type="submit">{editing ? 'Save changes' : 'Create contact'}</button>
        </div>
      </form>
    </>
  );
}

export function SignInPage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <>
      <h1>Sign in to {ctx.slug}</h1>
      <p>This link signs this browser in to the workspace’s dashboard. It works once.</p>
      <form method="post" action={`/${ctx.slug}/sign-in`}>
        <input type="hidden" name="token" value={token} />
        <button type="submit">Sign in</button>
      </form>
    </>
  );
}

/** A page that only says something: signed out, not found, an error (with the request id). */
export function MessagePage({
  title,
  children,
  requestId,
}: {
  title: string;
  children: string;
  requestId?: string;
}) {
  return (
    <>
      <h1>{title}</h1>
      <Notice kind={requestId ? 'error' : 'info'} requestId={requestId}>
        {children}
      </Notice>
    </>
  );
}
