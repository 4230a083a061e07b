import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { Auth, RequireScopes } from '../auth/auth.decorators';
import { scopes } from '../api-keys/scopes';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { SentMessageResponse, toMessageResponse } from '../conversations/dto/conversation.response';
import { SendMessageDto } from './dto/send-message.dto';
import { Idempotent, type RouteAnswer } from '../idempotency/idempotent.decorator';
import { MessagingService, type SentMessage } from './messaging.service';

/**
 * The answer: the message and whom it went to. Stored with the message's transaction (the status
 * it had then) for an Idempotency-Key, and brought up to date with the provider's status after.
 */
const sentAnswer = ({
  message,
  resolution,
}: Pick<SentMessage, 'message' | 'resolution'>): RouteAnswer => ({
  body: {
    ...toMessageResponse(message),
    resolution: { contactId: resolution.contactId, matchedBy: resolution.matchedBy },
  },
});

@ApiTags('Messages')
@Controller({ path: 'messages', version: '1' })
export class MessagesController {
  constructor(private readonly messaging: MessagingService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'sendMessage',
    summary: 'Send a message',
    description:
      'Goes into the open conversation for the number. The number finds its contact by its phone, an additional phone or a variant form of either; a number no contact has gets a new contact (`source: "message"`). `resolution` says which.',
  })
  @ApiAcceptedResponse({ type: SentMessageResponse })
  @ApiErrorResponses(400, 401, 403, 413, 415, 429, 500, 503)
  @RequireScopes(scopes.messagesWrite)
  @Idempotent(sentAnswer)
  async send(
    @Auth() auth: AuthContext,
    @Req() request: FastifyRequest,
    @Body() body: SendMessageDto,
  ): Promise<SentMessageResponse> {
    return sentAnswer(await this.messaging.send(auth.workspaceId, body, request.id))
      .body as SentMessageResponse;
  }
}
