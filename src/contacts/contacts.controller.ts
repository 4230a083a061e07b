import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth, RequireScopes } from '../common/auth/auth.decorators';
import { scopes } from '../common/auth/scopes';
import { RateLimit } from '../common/throttling/rate-limit.decorator';
import type { Page } from '../common/validation/pagination.dto';
import { ContactsService } from './contacts.service';
import { type ContactResponse, toContactResponse } from './dto/contact.response';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQueryDto } from './dto/list-contacts.query.dto';
import { UpdateContactDto } from './dto/update-contact.dto';

@Controller({ path: 'contacts', version: '1' })
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @RateLimit('contactsList')
  @RequireScopes(scopes.contactsRead)
  async list(
    @Auth() auth: AuthContext,
    @Query() query: ListContactsQueryDto,
  ): Promise<Page<ContactResponse>> {
    const page = await this.contacts.list(auth.workspaceId, query);
    return { ...page, items: page.items.map(toContactResponse) };
  }

  @Get(':id')
  @RateLimit('contactsGet')
  @RequireScopes(scopes.contactsRead)
  async get(@Auth() auth: AuthContext, @Param('id') id: string): Promise<ContactResponse> {
    return toContactResponse(await this.contacts.get(auth.workspaceId, id));
  }

  @Post()
  @HttpCode(201)
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
