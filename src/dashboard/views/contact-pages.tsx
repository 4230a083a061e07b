import type { ContactHistoryEntity } from '../../contacts/entities/contact-history.entity';
import type { ContactEntity } from '../../contacts/entities/contact.entity';
import type { ConversationEntity } from '../../conversations/entities/conversation.entity';
import type { MessageEntity } from '../../conversations/entities/message.entity';
import { Csrf, formatDate, Notice, type PageContext } from './layout';

const fullName = (c: Pick<ContactEntity, 'firstName' | 'lastName'>): string =>
  `${c.firstName} ${c.lastName ?? ''}`.trim() || '(erased)';

export interface ListModel {
  items: ContactEntity[];
  total: number;
  page: number;
  totalPages: number;
  search: string;
}

/** The results of a list or a search: the table and its pager (swapped in by the page's script). */
export function ContactResults({ ctx, list }: { ctx: PageContext; list: ListModel }) {
  const base = `/${ctx.slug}/contacts`;
  const query = (page: number) =>
    `${base}?${new URLSearchParams({ ...(list.search ? { search: list.search } : {}), page: String(page) }).toString()}`;
  const summary = `${list.total.toLocaleString('en')} contact${list.total === 1 ? '' : 's'}${list.search ? ` matching “${list.search}”` : ''}`;
  if (list.total === 0) {
    return (
      <div data-count={summary}>
        <p>{list.search ? `No contact matches “${list.search}”.` : 'No contacts yet.'}</p>
        {!list.search && (
          <a class="button" href={`${base}/new`}>
            Add the first contact
          </a>
        )}
      </div>
    );
  }
  return (
    <div data-count={summary}>
      {list.items.length === 0 ? (
        <p>This page is past the end.</p>
      ) : (
        <table>
          <caption>
            {summary}, newest first. Page {list.page} of {list.totalPages}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Phone</th>
              <th scope="col">Email</th>
              <th scope="col">Company</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`${base}/${c.id}`}>{fullName(c)}</a>
                </td>
                <td>{c.phone ?? ''}</td>
                <td>{c.email ?? ''}</td>
                <td>{c.company ?? ''}</td>
                <td>{formatDate(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Pages">
        {list.page > 1 ? (
          <a href={query(list.page - 1)} rel="prev">
            Previous page
          </a>
        ) : (
          <span class="muted">Previous page</span>
        )}
        <span aria-current="page">
          Page {list.page} of {list.totalPages}
        </span>
        {list.page < list.totalPages ? (
          <a href={query(list.page + 1)} rel="next">
            Next page
          </a>
        ) : (
          <span class="muted">Next page</span>
        )}
      </nav>
    </div>
  );
}

export function ContactListPage({
  ctx,
  list,
  flash,
}: {
  ctx: PageContext;
  list: ListModel;
  flash?: string;
}) {
  return (
    <>
      <h1>Contacts</h1>
      {flash && <Notice kind="info">{flash}</Notice>}
      <form
        class="search"
        method="get"
        action={`/${ctx.slug}/contacts`}
        role="search"
        data-live-search
      >
        <div>
          <label for="search">Search contacts</label>
          <input
            id="search"
            name="search"
            type="search"
            value={list.search}
            maxLength={100}
            autoComplete="off"
            aria-describedby="search-hint"
          />
          <p id="search-hint" class="hint">
            Name, email, or at least 3 digits of a phone number.
          </p>
        </div>
        <button type="submit">Search</button>
      </form>
      <p id="search-status" class="muted" role="status" aria-live="polite"></p>
      <div id="results">
        <ContactResults ctx={ctx} list={list} />
      </div>
    </>
  );
}

function Values({ values }: { values: string[] }) {
  return values.length === 0 ? <span class="muted">none</span> : <>{values.join(', ')}</>;
}

function describeChange(change: { field: string; old: unknown; new: unknown }): string {
  const show = (v: unknown): string => {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return '(empty)';
    if (Array.isArray(v)) return v.join(', ');
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  return `${change.field}: ${show(change.old)} → ${show(change.new)}`;
}

export interface ContactModel {
  contact: ContactEntity;
  history: ContactHistoryEntity[];
  conversations: ConversationEntity[];
}

export function ContactPage({
  ctx,
  model,
  flash,
}: {
  ctx: PageContext;
  model: ContactModel;
  flash?: string;
}) {
  const { contact: c, history, conversations } = model;
  const base = `/${ctx.slug}/contacts/${c.id}`;
  const deleted = c.deletedAt !== null;
  return (
    <>
      <p>
        <a href={`/${ctx.slug}/contacts`}>← All contacts</a>
      </p>
      <h1>{fullName(c)}</h1>
      {flash && <Notice kind="info">{flash}</Notice>}
      {deleted && (
        <Notice kind="info">
          This contact was deleted on {formatDate(c.deletedAt)}. It can be restored until it is
          erased for good.
        </Notice>
      )}
      <div class="actions">
        {deleted ? (
          <form method="post" action={`${base}/restore`}>
            <Csrf ctx={ctx} />
            <button type="submit">Restore</button>
          </form>
        ) : (
          <>
            <a class="button" href={`${base}/edit`}>
              Edit
            </a>
            <form
              method="post"
              action={`${base}/delete`}
              data-confirm={`Delete ${fullName(c)}? It can be restored for 30 days.`}
            >
              <Csrf ctx={ctx} />
              <button type="submit" class="danger">
                Delete
              </button>
            </form>
          </>
        )}
      </div>
      <h2>Details</h2>
      <dl class="fields">
        <dt>Phone</dt>
        <dd>{c.phone ?? <span class="muted">none</span>}</dd>
        <dt>Email</dt>
        <dd>{c.email ?? <span class="muted">none</span>}</dd>
        <dt>Other phones</dt>
        <dd>
          <Values values={c.additionalPhones} />
        </dd>
        <dt>Other emails</dt>
        <dd>
          <Values values={c.additionalEmails} />
        </dd>
        <dt>Company</dt>
        <dd>{c.company ?? ''}</dd>
        <dt>Job title</dt>
        <dd>{c.jobTitle ?? ''}</dd>
        <dt>Website</dt>
        <dd>
          {c.website ? (
            <a href={c.website} rel="noopener noreferrer nofollow">
              {c.website}
            </a>
          ) : (
            ''
          )}
        </dd>
        <dt>Lifecycle</dt>
        <dd>{c.lifecycle ?? ''}</dd>
        <dt>Tags</dt>
        <dd>
          {c.tags.length === 0 ? (
            <span class="muted">none</span>
          ) : (
            c.tags.map((t) => (
              <span class="tag" key={t}>
                {t}
              </span>
            ))
          )}
        </dd>
        <dt>Notes</dt>
        <dd class="notes">{c.notes ?? ''}</dd>
        <dt>Source</dt>
        <dd>{c.source}</dd>
        <dt>Created</dt>
        <dd>{formatDate(c.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(c.updatedAt)}</dd>
        <dt>Id</dt>
        <dd>
          <code>{c.id}</code>
        </dd>
      </dl>

      <h2>Conversations</h2>
      {conversations.length === 0 ? (
        <p class="muted">No conversations.</p>
      ) : (
        <ul>
          {conversations.map((v) => (
            <li key={v.id}>
              <a href={`/${ctx.slug}/conversations/${v.id}`}>
                {v.channel} with {v.address ?? 'an erased address'}
              </a>{' '}
              <span class="muted">
                ({v.status}, last message {formatDate(v.lastMessageAt) || 'none'})
              </span>
            </li>
          ))}
        </ul>
      )}

      {!deleted && (
        <>
          <h2>Merge a duplicate into this contact</h2>
          <form method="post" action={`${base}/merge`}>
            <Csrf ctx={ctx} />
            <div class="field">
              <label for="sourceIds">Ids of the duplicates</label>
              <input id="sourceIds" name="sourceIds" required aria-describedby="sourceIds-hint" />
              <p id="sourceIds-hint" class="hint">
                One or more contact ids, separated by commas. Their numbers, emails, conversations
                and messages move here.
              </p>
            </div>
            <button type="submit" class="secondary">
              Merge
            </button>
          </form>
        </>
      )}

      <h2>History</h2>
      {history.length === 0 ? (
        <p class="muted">No history.</p>
      ) : (
        <ol reversed>
          {history.map((h) => (
            <li key={h.id}>
              <strong>{h.type}</strong> on {formatDate(h.occurredAt)} by{' '}
              {h.actor.type === 'api_key' ? `API key ${h.actor.prefix}` : h.actor.module}
              {h.changes.length > 0 && (
                <ul>
                  {h.changes.map((change) => (
                    <li key={change.field}>{describeChange(change)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function ConversationPage({
  ctx,
  conversation,
  messages,
}: {
  ctx: PageContext;
  conversation: ConversationEntity;
  messages: MessageEntity[];
}) {
  return (
    <>
      {conversation.contactId && (
        <p>
          <a href={`/${ctx.slug}/contacts/${conversation.contactId}`}>
            ← {conversation.contactSummary?.fullName ?? 'The contact'}
          </a>
        </p>
      )}
      <h1>
        {conversation.channel} conversation with {conversation.address ?? 'an erased address'}
      </h1>
      <p class="muted">
        {conversation.status === 'open' ? 'Open' : 'Closed'} · {messages.length} message
        {messages.length === 1 ? '' : 's'}
      </p>
      {messages.length === 0 ? (
        <p class="muted">No messages.</p>
      ) : (
        <ol class="messages" aria-label="Messages, oldest first">
          {messages.map((m) => (
            <li key={m.id} class={m.direction}>
              <p class="muted">
                {m.direction === 'outbound' ? 'Sent' : 'Received'} {formatDate(m.createdAt)} ·{' '}
                {m.status}
              </p>
              <p>{m.text}</p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
