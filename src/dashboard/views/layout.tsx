import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { ASSET_VERSION } from '../assets';

export interface PageContext {
  /** The workspace's slug: every link of the page is under `/{slug}`. */
  slug: string;
  /** The request id, shown with every error so that support can find it in the logs. */
  requestId: string;
  /** The session's CSRF token, for the forms; none when signed out. */
  csrf?: string;
}

/** A hidden field with the session's CSRF token: every form that writes carries it. */
export function Csrf({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />;
}

/** A message for the person, in plain words (with the request id when it is an error). */
export function Notice({
  kind,
  children,
  requestId,
}: {
  kind: 'error' | 'info';
  children: ComponentChildren;
  requestId?: string;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <p>{children}</p>
      {requestId && (
        <p class="muted">
          Request id: <code>{requestId}</code>
        </p>
      )}
    </div>
  );
}

/** Every page: a skip link, the header with the workspace and its navigation, the main region. */
function Layout({
  title,
  ctx,
  signedIn,
  children,
}: {
  title: string;
  ctx: PageContext;
  signedIn: boolean;
  children: ComponentChildren;
}) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${ctx.slug} · Safravo`}</title>
        <link rel="stylesheet" href={`/_dashboard/app.css?v=${ASSET_VERSION}`} />
        <script src={`/_dashboard/app.js?v=${ASSET_VERSION}`} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <span class="brand">Safravo</span>
          <span class="workspace">{ctx.slug}</span>
          {signedIn && (
            <nav aria-label="Main">
              <a href={`/${ctx.slug}/contacts`}>Contacts</a>
              <a href={`/${ctx.slug}/contacts/new`}>New contact</a>
              <form method="post" action={`/${ctx.slug}/sign-out`} class="inline">
                <Csrf ctx={ctx} />
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            </nav>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}

/** A whole page as HTML. */
export function page(
  title: string,
  ctx: PageContext,
  body: ComponentChildren,
  signedIn = true,
): string {
  return `<!doctype html>${render(
    <Layout title={title} ctx={ctx} signedIn={signedIn}>
      {body}
    </Layout>,
  )}`;
}

/** A part of a page (the results of a search, fetched by the page's script). */
export function fragment(body: ComponentChildren): string {
  return render(<>{body}</>);
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  return new Date(value).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
