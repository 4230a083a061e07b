import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { Auth, RequireScopes } from '../auth/auth.decorators';
import { scopes } from '../api-keys/scopes';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { PaginationQueryDto } from '../common/validation/pagination.dto';
import { ConversationsService } from './conversations.service';
import {
  ConversationListResponse,
  ConversationResponse,
  MessageListResponse,
  toConversationResponse,
  toMessageResponse,
} from './dto/conversation.response';
import { ListConversationsQueryDto } from './dto/list-conversations.query.dto';

@ApiTags('Conversations')
@ApiErrorResponses(400, 401, 403, 429, 500, 503)
@Controller({ path: 'conversations', version: '1' })
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listConversations',
    summary: 'List conversations',
    description: 'Most recent message first.',
  })
  @ApiOkResponse({ type: ConversationListResponse })
  @RequireScopes(scopes.conversationsRead)
  async list(
    @Auth() auth: AuthContext,
    @Query() query: ListConversationsQueryDto,
  ): Promise<ConversationListResponse> {
    const page = await this.conversations.list(auth.workspaceId, query);
    return { ...page, items: page.items.map(toConversationResponse) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getConversation', summary: 'Get a conversation' })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8c11' })
  @ApiOkResponse({ type: ConversationResponse })
  @ApiErrorResponses(404)
  @RequireScopes(scopes.conversationsRead)
  async get(@Auth() auth: AuthContext, @Param('id') id: string): Promise<ConversationResponse> {
    return toConversationResponse(await this.conversations.get(auth.workspaceId, id));
  }

  @Get(':id/messages')
  @ApiOperation({
    operationId: 'listConversationMessages',
    summary: "List a conversation's messages",
    description: 'Oldest first.',
  })
  @ApiParam({ name: 'id', example: '6634e2b1a7c3f500231a8c11' })
  @ApiOkResponse({ type: MessageListResponse })
  @ApiErrorResponses(404)
  @RequireScopes(scopes.conversationsRead)
  async messages(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<MessageListResponse> {
    const page = await this.conversations.listMessages(auth.workspaceId, id, query);
    return { ...page, items: page.items.map(toMessageResponse) };
  }
}
