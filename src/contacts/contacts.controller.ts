import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../auth/auth-context';
import { Auth, RequireScopes } from '../auth/auth.decorators';
import { scopes } from '../api-keys/scopes';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { RateLimit } from '../auth/rate-limit/route-limits';
import { ContactsService } from './contacts.service';
import { ContactListResponse, ContactResponse, toContactResponse } from './dto/contact.response';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQueryDto } from './dto/list-contacts.query.dto';
import { UpdateContactDto } from './dto/update-contact.dto';

@ApiTags('Contacts')
@ApiErrorResponses(401, 403, 429, 500, 503)
@Controller({ path: 'contacts', version: '1' })
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiOperation({ summary: 'List and search contacts', description: 'Newest first.' })
  @ApiOkResponse({ type: ContactListResponse })
  @ApiErrorResponses(400)
  @RateLimit('contactsList')
  @RequireScopes(scopes.contactsRead)
  async list(
    @Auth() auth: AuthContext,
    @Query() query: ListContactsQueryDto,
  ): Promise<ContactListResponse> {
    const page = await this.contacts.list(auth.workspaceId, query);
    return { ...page, items: page.items.map(toContactResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a contact' })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8b01' })
  @ApiOkResponse({ type: ContactResponse })
  @ApiErrorResponses(404)
  @RateLimit('contactsGet')
  @RequireScopes(scopes.contactsRead)
  async get(@Auth() auth: AuthContext, @Param('id') id: string): Promise<ContactResponse> {
    return toContactResponse(await this.contacts.get(auth.workspaceId, id));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a contact',
    description: 'Deduplicated by phone and by email within the workspace.',
  })
  @ApiCreatedResponse({
    type: ContactResponse,
    headers: { Location: { description: 'URL of the new contact', schema: { type: 'string' } } },
  })
  @ApiErrorResponses(400, 409, 413, 415)
  @RateLimit('contactsCreate')
  @RequireScopes(scopes.contactsWrite)
  async create(
    @Auth() auth: AuthContext,
    @Body() body: CreateContactDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactResponse> {
    const contact = await this.contacts.create(auth.workspaceId, body);
    void reply.header('location', `/v1/contacts/${contact.id}`);
    return toContactResponse(contact);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update a contact',
    description: 'Only the fields sent change; `null` clears an optional field.',
  })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8b01' })
  @ApiOkResponse({ type: ContactResponse })
  @ApiErrorResponses(400, 404, 409, 413, 415)
  @RateLimit('contactsUpdate')
  @RequireScopes(scopes.contactsWrite)
  async update(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() body: UpdateContactDto,
  ): Promise<ContactResponse> {
    return toContactResponse(await this.contacts.update(auth.workspaceId, id, body));
  }
}
