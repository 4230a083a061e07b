import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../auth/auth-context';
import { Auth, RequireScopes, Writer } from '../auth/auth.decorators';
import type { WriteContext } from '../common/context/write-context';
import { scopes } from '../api-keys/scopes';
import { acceptedVersions, etagOf, noneMatchFails } from '../common/http/entity-tags';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { RateLimit, RateLimitByItems } from '../auth/rate-limit/route-limits';
import { renderError } from '../common/errors/error-body';
import {
  type AnsweredRequest,
  Idempotent,
  type RouteAnswer,
  answer,
} from '../idempotency/idempotent.decorator';
import type { ErasedContact } from './contact-lifecycle';
import type { MergeReport } from './contact-merge';
import { ContactsService } from './contacts.service';
import type { ContactEntity } from './entities/contact.entity';
import {
  ContactHistoryResponse,
  ErasedContactResponse,
  toHistoryEntryResponse,
} from './dto/contact-history.response';
import {
  ContactCursorPageResponse,
  ContactListResponse,
  ContactResponse,
  toContactResponse,
} from './dto/contact.response';
import { ChangesQueryDto } from './dto/changes.query.dto';
import { ContactChangesResponse } from './dto/contact-change.response';
import { HistoryQueryDto } from './dto/history.query.dto';
import { MergeContactsDto } from './dto/merge-contacts.dto';
import { MergeReportResponse, toMergeReportResponse } from './dto/merge-report.response';
import { CreateContactDto } from './dto/create-contact.dto';
import { BatchContactsDto, MAX_BATCH_ITEMS } from './dto/batch-contacts.dto';
import { BatchResponse } from './dto/batch-result.response';
import { UpsertContactDto } from './dto/upsert-contact.dto';
import type { UpsertResult, WriteOutcome } from './upsert/contact-upserts';
import { ListContactsQueryDto } from './dto/list-contacts.query.dto';
import { UpdateContactDto } from './dto/update-contact.dto';

/** The `ETag` response header, documented. */
const ETAG_HEADER = {
  ETag: {
    description: "The contact's version, for If-None-Match and If-Match",
    schema: { type: 'string', example: '"3"' },
  },
};

const ApiNotModifiedResponse = () =>
  ApiResponse({
    status: 304,
    description: 'Not Modified: your copy (If-None-Match) is current',
    headers: ETAG_HEADER,
  });

/** A batch counts against the create limit by item (read before validation, so bounded here). */
const batchCost = ({ body }: { body?: unknown }): number => {
  const items = (body as { items?: unknown } | null | undefined)?.items;
  return Array.isArray(items) ? Math.min(Math.max(items.length, 1), MAX_BATCH_ITEMS) : 1;
};

/** Each write route's answer, from its result: what it sends, and what an Idempotency-Key replays. */
const contactAnswer = (contact: ContactEntity): RouteAnswer => ({
  body: toContactResponse(contact),
  headers: { etag: etagOf(contact.version) },
});
const createdContact = (contact: ContactEntity): RouteAnswer => ({
  body: toContactResponse(contact),
  headers: { location: `/v1/contacts/${contact.id}`, etag: etagOf(contact.version) },
});
const upsertAnswer = ({ contact, created }: UpsertResult): RouteAnswer => ({
  ...(created ? createdContact(contact) : contactAnswer(contact)),
  status: created ? 201 : 200,
});
const batchAnswer = (outcomes: WriteOutcome[], { requestId }: AnsweredRequest): RouteAnswer => ({
  status: 207,
  body: {
    results: outcomes.map(({ index, status, contact, error }) => ({
      index,
      status,
      ...(contact && { contact: toContactResponse(contact) }),
      ...(error && { error: renderError(error, requestId).body }),
    })),
  },
});
const erasedAnswer = ({ id, erasedAt }: ErasedContact): RouteAnswer => ({
  body: { id, erasedAt: erasedAt.toISOString() },
});
const mergeAnswer = (report: MergeReport): RouteAnswer => ({ body: toMergeReportResponse(report) });

@ApiTags('Contacts')
@ApiErrorResponses(401, 403, 429, 500, 503)
@Controller({ path: 'contacts', version: '1' })
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listContacts',
    summary: 'List and search contacts',
    description:
      'Newest first. By number (`page`, with the exact `total`), or after a cursor (`after`: a `nextCursor` of an earlier ' +
      'answer; no total, the same cost at any depth).',
  })
  @ApiExtraModels(ContactListResponse, ContactCursorPageResponse)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ContactListResponse) },
        { $ref: getSchemaPath(ContactCursorPageResponse) },
      ],
    },
  })
  @ApiErrorResponses(400)
  @RateLimit('contactsList')
  @RequireScopes(scopes.contactsRead)
  async list(
    @Auth() auth: AuthContext,
    @Query() query: ListContactsQueryDto,
  ): Promise<ContactListResponse | ContactCursorPageResponse> {
    if (query.after !== undefined) {
      const page = await this.contacts.listAfter(auth.workspaceId, query);
      return { ...page, items: page.items.map(toContactResponse) };
    }
    const page = await this.contacts.list(auth.workspaceId, query);
    return { ...page, items: page.items.map(toContactResponse) };
  }

  @Get('changes')
  @ApiOperation({
    operationId: 'listContactChanges',
    summary: 'The change feed',
    description:
      "Every change of the workspace's contacts (`created`, `updated`, `deleted`, `restored`, `merged`, `erased`) in one total " +
      'order. Follow it with `after` = the last `nextCursor`: a follower that starts from the beginning (no `after`) and applies ' +
      'every change ends with an exact copy of the workspace. A change shows once every change before it is settled, so ' +
      'none is ever skipped, even when transactions commit out of order; a long transaction delays the feed, it never reorders it.',
  })
  @ApiOkResponse({ type: ContactChangesResponse })
  @ApiErrorResponses(400)
  @RequireScopes(scopes.contactsRead)
  async changes(
    @Auth() auth: AuthContext,
    @Query() query: ChangesQueryDto,
  ): Promise<ContactChangesResponse> {
    const page = await this.contacts.changes(auth.workspaceId, query);
    return {
      items: page.items.map((change) => ({
        position: change.cursor,
        type: change.type,
        contactId: change.contactId,
        occurredAt: change.occurredAt.toISOString(),
        contact: change.contact && toContactResponse(change.contact),
      })),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getContact',
    summary: 'Get a contact',
    description:
      "With an `ETag` (the contact's version); `If-None-Match` with it answers 304 while the contact is unchanged.",
  })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8b01' })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'An ETag of this contact: 304 Not Modified while it is current',
  })
  @ApiOkResponse({ type: ContactResponse, headers: ETAG_HEADER })
  @ApiNotModifiedResponse()
  @ApiErrorResponses(404, 410)
  @RateLimit('contactsGet')
  @RequireScopes(scopes.contactsRead)
  async get(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactResponse | undefined> {
    const contact = await this.contacts.get(auth.workspaceId, id);
    const etag = etagOf(contact.version);
    void reply.header('etag', etag);
    if (noneMatchFails(ifNoneMatch, etag)) {
      void reply.status(304);
      return undefined;
    }
    return toContactResponse(contact);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createContact',
    summary: 'Create a contact',
    description: 'Deduplicated by phone and by email within the workspace.',
  })
  @ApiCreatedResponse({
    type: ContactResponse,
    headers: {
      Location: { description: 'URL of the new contact', schema: { type: 'string' } },
      ...ETAG_HEADER,
    },
  })
  @ApiErrorResponses(400, 409, 413, 415)
  @RateLimit('contactsCreate')
  @Idempotent(createdContact)
  @RequireScopes(scopes.contactsWrite)
  async create(
    @Auth() auth: AuthContext,
    @Writer() writer: WriteContext,
    @Body() body: CreateContactDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactResponse> {
    return answer(
      reply,
      createdContact(await this.contacts.create(auth.workspaceId, body, { context: writer })),
    ) as ContactResponse;
  }

  @Post('upsert')
  @ApiOperation({
    operationId: 'upsertContact',
    summary: 'Create or update a contact by phone or email',
    description:
      'A create body plus `matchOn` (`["phone","email"]` by default). No live contact holds the phone or email named by `matchOn`: ' +
      'the contact is created (201, `Location`). One does: the fields sent are applied to it (200). The phone finds one contact ' +
      'and the email another: 409 `contact_match_ambiguous` naming both, nothing written. Another value of the body held by a ' +
      'third contact: 409 `contact_exists`. Safe under concurrency: two upserts of one new phone create one contact. Counts ' +
      'against the create limit.',
  })
  @ApiCreatedResponse({
    type: ContactResponse,
    description: 'Created',
    headers: {
      Location: { description: 'URL of the new contact', schema: { type: 'string' } },
      ...ETAG_HEADER,
    },
  })
  @ApiOkResponse({ type: ContactResponse, description: 'Found and updated', headers: ETAG_HEADER })
  @ApiErrorResponses(400, 409, 413, 415)
  @RateLimit('contactsCreate')
  @Idempotent(upsertAnswer)
  @RequireScopes(scopes.contactsWrite)
  async upsert(
    @Auth() auth: AuthContext,
    @Writer() writer: WriteContext,
    @Body() body: UpsertContactDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactResponse> {
    return answer(
      reply,
      upsertAnswer(await this.contacts.upsert(auth.workspaceId, body, writer)),
    ) as ContactResponse;
  }

  @Post('batch')
  @ApiOperation({
    operationId: 'batchContacts',
    summary: 'Create or upsert up to 100 contacts',
    description:
      '`mode`: `create` (each item a create body) or `upsert` (each item an upsert body). One transaction; 207 with one result per ' +
      'item, in order: each item is written or fails on its own with its error in the usual shape, and nothing else is written. ' +
      "Two items with the same phone or email: the later one is 409 `contact_exists` naming the earlier one's contact (and its " +
      '`index`). Counts against the create limit by item: the items past what the limit allows are 429 `rate_limited` (retry them ' +
      'after Retry-After); the request is 429 only when no item fits. The body is bounded by the body limit (1 MB).',
  })
  @ApiResponse({ status: 207, description: 'One result per item', type: BatchResponse })
  @ApiErrorResponses(400, 413, 415)
  @RateLimit('contactsCreate')
  @RateLimitByItems(batchCost)
  @Idempotent(batchAnswer)
  @RequireScopes(scopes.contactsWrite)
  async batch(
    @Auth() auth: AuthContext,
    @Writer() writer: WriteContext,
    @Body() body: BatchContactsDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchResponse> {
    const outcomes = await this.contacts.batch(
      auth.workspaceId,
      body,
      writer,
      request.rateLimitGranted,
    );
    return answer(reply, batchAnswer(outcomes, { requestId: request.id })) as BatchResponse;
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateContact',
    summary: 'Update a contact',
    description:
      'Only the fields sent change; `null` clears an optional field. With `If-Match`, only while the contact is at that version (else 412).',
  })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8b01' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag of your copy: 412 `precondition_failed` if the contact has changed since',
  })
  @ApiOkResponse({ type: ContactResponse, headers: ETAG_HEADER })
  @ApiErrorResponses(400, 404, 409, 410, 412, 413, 415)
  @RateLimit('contactsUpdate')
  @Idempotent(contactAnswer)
  @RequireScopes(scopes.contactsWrite)
  async update(
    @Auth() auth: AuthContext,
    @Writer() writer: WriteContext,
    @Param('id') id: string,
    @Body() body: UpdateContactDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactResponse> {
    return answer(
      reply,
      contactAnswer(
        await this.contacts.update(auth.workspaceId, id, body, writer, {
          ifMatch: acceptedVersions(ifMatch),
        }),
      ),
    ) as ContactResponse;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteContact',
    summary: 'Delete a contact',
    description:
      'The contact leaves reads, lists, searches and totals at once, and its phone and email are free for another contact. ' +
      'Its conversations and messages keep their link. It can be restored until it is erased after CONTACT_RETENTION_DAYS (30). ' +
      'With `If-Match`, only while the contact is at that version (else 412).',
  })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8b01' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag of your copy: 412 `precondition_failed` if the contact has changed since',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(404, 410, 412)
  @Idempotent(() => ({ body: null }))
  @RequireScopes(scopes.contactsWrite)
  async delete(
    @Auth() auth: AuthContext,
    @Writer() writer: WriteContext,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.contacts.delete(auth.workspaceId, id, writer, {
      ifMatch: acceptedVersions(ifMatch),
    });
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'restoreContact',
    summary: 'Restore a deleted contact',
    description:
      'Back in reads and lists. 409 `contact_exists` when its phone or email has been taken by another contact meanwhile.',
  })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8b01' })
  @ApiOkResponse({ type: ContactResponse, headers: ETAG_HEADER })
  @ApiErrorResponses(404, 409, 410)
  @Idempotent(contactAnswer)
  @RequireScopes(scopes.contactsWrite)
  async restore(
    @Auth() auth: AuthContext,
    @Writer() writer: WriteContext,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactResponse> {
    return answer(
      reply,
      contactAnswer(await this.contacts.restore(auth.workspaceId, id, writer)),
    ) as ContactResponse;
  }

  @Post(':id/erase')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'eraseContact',
    summary: 'Erase a contact (right to erasure)',
    description:
      'Irreversible (Kenya Data Protection Act 2019 s.40, GDPR Art. 17): every personal value of the contact is removed from ' +
      'every table that holds it (the contact, its history, its conversations and messages, retained events). A tombstone ' +
      'remains: id, workspace, erasedAt, the request id. Works on live and deleted contacts; afterwards reads answer 404. ' +
      'Needs the `erase:contacts` scope, granted apart from writing.',
  })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8b01' })
  @ApiOkResponse({ type: ErasedContactResponse })
  @ApiErrorResponses(404)
  @Idempotent(erasedAnswer)
  @RequireScopes(scopes.contactsErase)
  async erase(
    @Auth() auth: AuthContext,
    @Writer() writer: WriteContext,
    @Param('id') id: string,
  ): Promise<ErasedContactResponse> {
    return erasedAnswer(await this.contacts.erase(auth.workspaceId, id, writer))
      .body as ErasedContactResponse;
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'mergeContacts',
    summary: 'Merge duplicates into this contact',
    description:
      'This contact (the target) survives. Its empty fields are filled from the sources (newest source first), tags are ' +
      "united, the sources' phones and emails become its additional ones (so messages to them keep finding it), and their " +
      'conversations and messages move to it. The sources then answer 410 `contact_merged` with a `Link` to the target. ' +
      'One transaction; emits `contact.merged` and `contact.updated`. With `dryRun: true` nothing changes and the report ' +
      'shows what would happen. 400 for the target among the sources or more than 10 additional phones or emails after the ' +
      'merge; 404 for an id that does not exist or is deleted; 410 for one already merged; 409 when a value is taken meanwhile.',
  })
  @ApiParam({
    name: 'id',
    example: '6634e2b1a7c3f500231a8b01',
    description: 'The target: the contact that survives',
  })
  @ApiOkResponse({ type: MergeReportResponse })
  @ApiErrorResponses(400, 404, 409, 410, 413, 415)
  @Idempotent(mergeAnswer)
  @RequireScopes(scopes.contactsWrite)
  async merge(
    @Auth() auth: AuthContext,
    @Writer() writer: WriteContext,
    @Param('id') id: string,
    @Body() body: MergeContactsDto,
  ): Promise<MergeReportResponse> {
    return mergeAnswer(await this.contacts.merge(auth.workspaceId, id, body, writer))
      .body as MergeReportResponse;
  }

  @Get(':id/history')
  @ApiOperation({
    operationId: 'getContactHistory',
    summary: "A contact's history",
    description:
      'Every change, newest first, with who made it and in which request; also for a deleted contact (none for an erased one).',
  })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8b01' })
  @ApiOkResponse({ type: ContactHistoryResponse })
  @ApiErrorResponses(400, 404)
  @RequireScopes(scopes.contactsRead)
  async history(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ContactHistoryResponse> {
    const page = await this.contacts.history(auth.workspaceId, id, query);
    return { items: page.items.map(toHistoryEntryResponse), nextCursor: page.nextCursor };
  }
}
