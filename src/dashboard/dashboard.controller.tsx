import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { systemWrite } from '../common/context/write-context';
import { DomainException, type ErrorDetail } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { ContactsService } from '../contacts/contacts.service';
import type { ContactEntity } from '../contacts/entities/contact.entity';
import { ConversationsService } from '../conversations/conversations.service';
import { WORKSPACE_SLUG_PATTERN } from '../workspaces/workspaces.service';
import { CSS, SCRIPT } from './assets';
import {
  type DashboardSession,
  DashboardSessions,
  SESSION_COOKIE,
} from './sessions/dashboard-sessions';
import {
  ContactListPage,
  ContactPage,
  ContactResults,
  ConversationPage,
} from './views/contact-pages';
import {
  ContactFormPage,
  FORM_FIELDS,
  type FormErrors,
  type FormField,
  type FormValues,
  MessagePage,
  SignInPage,
} from './views/form-pages';
import { fragment, page, type PageContext } from './views/layout';

type Form = Record<string, string | undefined>;

/**
 * Whether a path's first segment can be a workspace's dashboard: a workspace slug, and not an
 * API version (`/v2/contacts` is an unknown API route, answered as such by the error filter).
 */
function assertDashboardSlug(slug: string): void {
  if (!WORKSPACE_SLUG_PATTERN.test(slug) || /^v\d+$/.test(slug)) throw new NotFoundException();
}

/** What a page answers with, thrown from anywhere in a handler (signed out, not found, refused). */
class PageAnswer extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

const LIST_FIELDS = new Set<FormField>(['additionalPhones', 'additionalEmails', 'tags']);
const splitList = (value: string): string[] =>
  value
    .split(/[,\n]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** A form's values as the API takes them: on create, blanks left out; on edit, blanks clear. */
function toInput(form: Form, editing: boolean): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const { name } of FORM_FIELDS) {
    const raw = (form[name] ?? '').trim();
    if (LIST_FIELDS.has(name)) {
      const list = splitList(raw);
      if (editing || list.length > 0) input[name] = list;
    } else if (raw !== '') input[name] = raw;
    else if (editing) input[name] = name === 'firstName' ? '' : null;
  }
  return input;
}

function toValues(contact: ContactEntity): FormValues {
  const values: FormValues = {};
  for (const { name } of FORM_FIELDS) {
    const value = contact[name];
    values[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  }
  return values;
}

/** The API's error, beside the fields it names (`additionalPhones.1` is the `additionalPhones` field). */
function formErrors(error: DomainException, requestId: string): FormErrors {
  const errors: FormErrors = { fields: {}, duplicates: [], requestId };
  const fieldOf = (detail: ErrorDetail): FormField | undefined => {
    const name = String(detail.field ?? '').split('.')[0];
    return FORM_FIELDS.some((f) => f.name === name) ? (name as FormField) : undefined;
  };
  for (const detail of error.details ?? []) {
    const field = fieldOf(detail);
    if (!field) continue;
    if (error.code === ErrorCode.ContactExists) {
      errors.fields[field] =
        `Another contact already has this ${field.toLowerCase().includes('email') ? 'email' : 'phone'} (${String(detail.field)}).`;
      errors.duplicates.push({
        field,
        contactId: typeof detail.contactId === 'string' ? detail.contactId : null,
      });
    } else if (!errors.fields[field]) {
      errors.fields[field] = String(detail.message ?? `${field} is not valid`);
    }
  }
  if (error.code === ErrorCode.PreconditionFailed) {
    errors.message =
      'Someone changed this contact since you opened the form: open it again to see the changes.';
  } else if (error.code === ErrorCode.ContactExists) {
    errors.message = 'This contact already exists:';
  } else if (Object.keys(errors.fields).length === 0) errors.message = error.message;
  return errors;
}

/**
 * The dashboard (SPEC §13): server-rendered pages over the same service paths as the API, for a
 * workspace's signed-in browser. Outside the API key guard (`@Public`): each handler resolves the
 * session from its cookie, answers 401 with how to sign in when there is none, and 404 for
 * another workspace's slug; every write checks the session's CSRF token.
 */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  constructor(
    private readonly sessions: DashboardSessions,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
  ) {}

  @Get('_dashboard/app.css')
  css(@Res() reply: FastifyReply): void {
    void reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('text/css; charset=utf-8')
      .send(CSS);
  }

  @Get('_dashboard/app.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('text/javascript; charset=utf-8')
      .send(SCRIPT);
  }

  @Get(':slug/sign-in')
  signInPage(
    @Param('slug') slug: string,
    @Query('token') token: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    assertDashboardSlug(slug);
    const ctx = { slug, requestId: request.id };
    // The token in this URL must not leak to another site through the Referer header.
    void reply.header('referrer-policy', 'no-referrer');
    send(
      reply,
      200,
      page(
        'Sign in',
        ctx,
        <SignInPage ctx={ctx} token={typeof token === 'string' ? token : ''} />,
        false,
      ),
    );
  }

  @Post(':slug/sign-in')
  async signIn(
    @Param('slug') slug: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertDashboardSlug(slug);
    const signedIn = await this.sessions.signIn(slug, String(form?.token ?? ''));
    if (!signedIn) {
      const ctx = { slug, requestId: request.id };
      send(
        reply,
        400,
        page(
          'Sign-in link not valid',
          ctx,
          <MessagePage title="This sign-in link does not work">
            {signInHelp(
              slug,
              'It was used already, has expired (links last 15 minutes), or belongs to another workspace.',
            )}
          </MessagePage>,
          false,
        ),
      );
      return;
    }
    const secure = request.protocol === 'https' ? '; Secure' : '';
    const maxAge = Math.round((signedIn.session.expiresAt.getTime() - Date.now()) / 1000);
    void reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${signedIn.cookie}; Path=/${encodeURIComponent(slug)}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`,
    );
    void reply
      .status(303)
      .header('location', `/${encodeURIComponent(slug)}/contacts`)
      .send();
  }

  @Post(':slug/sign-out')
  async signOut(
    @Param('slug') slug: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session) => {
      this.checkCsrf(session, form, request);
      await this.sessions.signOut(session);
      void reply.header(
        'set-cookie',
        `${SESSION_COOKIE}=; Path=/${encodeURIComponent(slug)}; HttpOnly; SameSite=Lax; Max-Age=0`,
      );
      const ctx = { slug, requestId: request.id };
      return [
        200,
        page(
          'Signed out',
          ctx,
          <MessagePage title="Signed out">
            {signInHelp(slug, 'This browser is signed out.')}
          </MessagePage>,
          false,
        ),
      ];
    });
  }

  @Get(':slug/contacts')
  async list(
    @Param('slug') slug: string,
    @Query() query: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session, ctx) => {
      const search = typeof query.search === 'string' ? query.search : '';
      const pageNumber = /^\d{1,7}$/.test(query.page ?? '') ? Number(query.page) || 1 : 1;
      const result = await this.contacts.list(session.workspaceId, {
        search: search || undefined,
        page: String(pageNumber),
        limit: '25',
      });
      const list = {
        items: result.items,
        total: result.total,
        page: result.page,
        totalPages: Math.max(1, result.totalPages),
        search,
      };
      if (query.partial === '1') return [200, fragment(<ContactResults ctx={ctx} list={list} />)];
      return [
        200,
        page('Contacts', ctx, <ContactListPage ctx={ctx} list={list} flash={flashOf(query)} />),
      ];
    });
  }

  @Get(':slug/contacts/new')
  async newContact(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, (_session, ctx) =>
      Promise.resolve([200, page('New contact', ctx, <ContactFormPage ctx={ctx} values={{}} />)]),
    );
  }

  @Post(':slug/contacts')
  async create(
    @Param('slug') slug: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session, ctx) => {
      this.checkCsrf(session, form, request);
      try {
        const contact = await this.contacts.create(session.workspaceId, toInput(form, false), {
          source: 'dashboard',
          context: systemWrite('dashboard', request.id),
        });
        return redirect(`/${slug}/contacts/${contact.id}?done=created`);
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        return [
          422,
          page(
            'New contact',
            ctx,
            <ContactFormPage
              ctx={ctx}
              values={form}
              errors={formErrors(error as DomainException<ErrorCode>, request.id)}
            />,
          ),
        ];
      }
    });
  }

  @Get(':slug/contacts/:id')
  async contact(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Query() query: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session, ctx) => {
      const contact = await this.contacts.findIncludingDeleted(session.workspaceId, id);
      if (!contact) {
        throw new PageAnswer(
          404,
          'Contact not found',
          'There is no such contact in this workspace (it may have been erased, or merged into another).',
          request.id,
        );
      }
      const [history, conversations] = await Promise.all([
        this.contacts.history(session.workspaceId, id, { limit: '50' }),
        this.conversations.list(session.workspaceId, { contactId: id, limit: '50' }),
      ]);
      const model = { contact, history: history.items, conversations: conversations.items };
      return [
        200,
        page(
          `${contact.firstName} ${contact.lastName ?? ''}`.trim(),
          ctx,
          <ContactPage ctx={ctx} model={model} flash={flashOf(query)} />,
        ),
      ];
    });
  }

  @Get(':slug/contacts/:id/edit')
  async edit(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session, ctx) => {
      const contact = await this.contacts.get(session.workspaceId, id);
      return [
        200,
        page(
          'Edit contact',
          ctx,
          <ContactFormPage
            ctx={ctx}
            values={toValues(contact)}
            contactId={id}
            version={contact.version}
          />,
        ),
      ];
    });
  }

  @Post(':slug/contacts/:id')
  async update(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session, ctx) => {
      this.checkCsrf(session, form, request);
      const version = /^\d{1,9}$/.test(form._version ?? '') ? [Number(form._version)] : undefined;
      try {
        await this.contacts.update(
          session.workspaceId,
          id,
          toInput(form, true),
          systemWrite('dashboard', request.id),
          { ifMatch: version },
        );
        return redirect(`/${slug}/contacts/${id}?done=saved`);
      } catch (error) {
        if (
          !(error instanceof DomainException) ||
          error.code === ErrorCode.ContactNotFound ||
          error.code === ErrorCode.ContactMerged
        ) {
          throw error;
        }
        return [
          422,
          page(
            'Edit contact',
            ctx,
            <ContactFormPage
              ctx={ctx}
              values={form}
              errors={formErrors(error as DomainException<ErrorCode>, request.id)}
              contactId={id}
              version={version?.[0]}
            />,
          ),
        ];
      }
    });
  }

  @Post(':slug/contacts/:id/delete')
  async delete(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session) => {
      this.checkCsrf(session, form, request);
      await this.contacts.delete(session.workspaceId, id, systemWrite('dashboard', request.id));
      return redirect(`/${slug}/contacts/${id}?done=deleted`);
    });
  }

  @Post(':slug/contacts/:id/restore')
  async restore(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session) => {
      this.checkCsrf(session, form, request);
      await this.contacts.restore(session.workspaceId, id, systemWrite('dashboard', request.id));
      return redirect(`/${slug}/contacts/${id}?done=restored`);
    });
  }

  @Post(':slug/contacts/:id/merge')
  async merge(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Body() form: Form,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session) => {
      this.checkCsrf(session, form, request);
      await this.contacts.merge(
        session.workspaceId,
        id,
        { sourceIds: splitList(form.sourceIds ?? '') },
        systemWrite('dashboard', request.id),
      );
      return redirect(`/${slug}/contacts/${id}?done=merged`);
    });
  }

  @Get(':slug/conversations/:id')
  async conversation(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.handle(slug, request, reply, async (session, ctx) => {
      const conversation = await this.conversations.get(session.workspaceId, id);
      const messages = await this.conversations.listMessages(session.workspaceId, id, {
        limit: '100',
      });
      return [
        200,
        page(
          'Conversation',
          ctx,
          <ConversationPage ctx={ctx} conversation={conversation} messages={messages.items} />,
        ),
      ];
    });
  }

  /**
   * Runs a page's handler for the session of `slug`, and answers: its page, a redirect, or the
   * page of what stopped it (signed out: 401; another workspace: 404; the service's refusals in
   * plain words, with the request id).
   */
  private async handle(
    slug: string,
    request: FastifyRequest,
    reply: FastifyReply,
    work: (session: DashboardSession, ctx: PageContext) => Promise<[number, string] | Redirect>,
  ): Promise<void> {
    assertDashboardSlug(slug);
    const ctx: PageContext = { slug, requestId: request.id };
    try {
      const session = await this.sessions.resolve(slug, cookieOf(request));
      if (session === 'none') {
        throw new PageAnswer(
          401,
          'Sign in',
          signInHelp(slug, 'This browser is not signed in to this workspace.'),
        );
      }
      if (session === 'elsewhere') throw new PageAnswer(404, 'Not found', 'There is no such page.');
      ctx.csrf = session.csrfToken;
      const answer = await work(session, ctx);
      if (answer instanceof Redirect) {
        void reply.status(303).header('location', answer.location).send();
        return;
      }
      send(reply, answer[0], answer[1]);
    } catch (error) {
      const answer = pageAnswerOf(error, request.id);
      if (!answer) throw error;
      const signedIn = ctx.csrf !== undefined && answer.status !== 404;
      send(
        reply,
        answer.status,
        page(
          answer.title,
          ctx,
          <MessagePage title={answer.title} requestId={answer.requestId}>
            {answer.message}
          </MessagePage>,
          signedIn,
        ),
      );
    }
  }

  private checkCsrf(session: DashboardSession, form: Form, request: FastifyRequest): void {
    if (!form || form._csrf !== session.csrfToken) {
      throw new PageAnswer(
        403,
        'Not allowed',
        'This form is out of date or did not come from this dashboard. Go back, reload the page and try again.',
        request.id,
      );
    }
  }
}

class Redirect {
  constructor(readonly location: string) {}
}
const redirect = (location: string): Redirect => new Redirect(location);

function send(reply: FastifyReply, status: number, html: string): void {
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .send(html);
}

function cookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}

function signInHelp(slug: string, why: string): string {
  return `${why} To sign in, run \`npm run -s cli -- dashboard:link --workspace ${slug}\` where the service runs, and open the link it prints.`;
}

const FLASHES: Record<string, string> = {
  created: 'Contact created.',
  saved: 'Changes saved.',
  deleted: 'Contact deleted.',
  restored: 'Contact restored.',
  merged: 'Duplicates merged into this contact.',
};
const flashOf = (query: Record<string, string | undefined>): string | undefined =>
  FLASHES[query.done ?? ''];

/** The service's refusals as pages; anything else is not ours to show (the error filter's 500). */
function pageAnswerOf(error: unknown, requestId: string): PageAnswer | undefined {
  if (error instanceof PageAnswer) return error;
  if (!(error instanceof DomainException)) return undefined;
  switch (error.code) {
    case ErrorCode.ContactNotFound:
    case ErrorCode.ConversationNotFound:
    case ErrorCode.NotFound:
      return new PageAnswer(
        404,
        'Not found',
        'There is no such contact or conversation in this workspace.',
        requestId,
      );
    case ErrorCode.ContactMerged:
      return new PageAnswer(410, 'Merged', 'This contact was merged into another one.', requestId);
    default:
      return new PageAnswer(
        error.code === ErrorCode.ValidationFailed ? 400 : 409,
        'Not done',
        error.message + detailsText(error as DomainException<ErrorCode>),
        requestId,
      );
  }
}

function detailsText(error: DomainException): string {
  const messages = (error.details ?? []).map((d) => d.message).filter(Boolean);
  return messages.length > 0 ? `: ${messages.join('; ')}` : '';
}
