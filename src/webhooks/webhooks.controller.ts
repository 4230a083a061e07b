import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { scopes } from '../api-keys/scopes';
import type { AuthContext } from '../auth/auth-context';
import { Auth, RequireScopes } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/openapi/api-error-responses.decorator';
import { answer, Idempotent, type RouteAnswer } from '../idempotency/idempotent.decorator';
import { DeliveriesQueryDto } from './dto/deliveries.query.dto';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook-endpoint.dto';
import {
  CreatedWebhookResponse,
  RotatedSecretResponse,
  toWebhookResponse,
  WebhookDeliveryListResponse,
  WebhookListResponse,
  WebhookResponse,
} from './dto/webhook.response';
import type { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';
import type { DeliveryRow } from './webhook-deliveries.repository';
import { WebhooksService } from './webhooks.service';

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

const endpointAnswer = (endpoint: WebhookEndpointEntity): RouteAnswer => ({
  body: toWebhookResponse(endpoint),
});
const createdAnswer = (endpoint: WebhookEndpointEntity): RouteAnswer => ({
  body: { ...toWebhookResponse(endpoint), secret: endpoint.secret },
  headers: { location: `/v1/webhooks/${endpoint.id}` },
});
const rotatedAnswer = ({
  secret,
  previousSecretExpiresAt,
}: {
  secret: string;
  previousSecretExpiresAt: Date;
}): RouteAnswer => ({
  body: { secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
});

function toDeliveryResponse(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    contactId: row.contact_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: iso(row.created_at) as string,
    deliveredAt: iso(row.delivered_at),
    attemptLog: row.log.map((a) => ({ ...a, attemptedAt: iso(a.attemptedAt) as string })),
  };
}

@ApiTags('Webhooks')
@ApiErrorResponses(401, 403, 429, 500, 503)
@RequireScopes(scopes.webhooksManage)
@Controller({ path: 'webhooks', version: '1' })
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Add a webhook endpoint',
    description:
      'The workspace\'s events of the types in `events` (or every type, `["*"]`) are sent to `url`, signed per the Standard ' +
      'Webhooks specification. The answer holds the signing secret: it is shown only now. A URL on a private, loopback or ' +
      'link-local address is refused (unless WEBHOOKS_ALLOW_PRIVATE). At most 20 endpoints per workspace.',
  })
  @ApiCreatedResponse({
    type: CreatedWebhookResponse,
    headers: { Location: { description: 'URL of the new endpoint', schema: { type: 'string' } } },
  })
  @ApiErrorResponses(400, 413, 415)
  @Idempotent(createdAnswer)
  async create(
    @Auth() auth: AuthContext,
    @Body() body: CreateWebhookDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedWebhookResponse> {
    return answer(
      reply,
      createdAnswer(await this.webhooks.create(auth.workspaceId, body)),
    ) as CreatedWebhookResponse;
  }

  @Get()
  @ApiOperation({
    operationId: 'listWebhooks',
    summary: 'List webhook endpoints',
    description: 'Oldest first; secrets are never listed.',
  })
  @ApiOkResponse({ type: WebhookListResponse })
  async list(@Auth() auth: AuthContext): Promise<WebhookListResponse> {
    return { items: (await this.webhooks.list(auth.workspaceId)).map(toWebhookResponse) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'Get a webhook endpoint' })
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrorResponses(404)
  async get(@Auth() auth: AuthContext, @Param('id') id: string): Promise<WebhookResponse> {
    return toWebhookResponse(await this.webhooks.get(auth.workspaceId, id));
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateWebhook',
    summary: 'Change a webhook endpoint',
    description:
      'Only the fields sent change. `enabled: true` on an endpoint the service disabled (a 410, days of failures) turns it back on.',
  })
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrorResponses(400, 404, 413, 415)
  @Idempotent(endpointAnswer)
  async update(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookResponse> {
    return endpointAnswer(await this.webhooks.update(auth.workspaceId, id, body))
      .body as WebhookResponse;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook endpoint',
    description: 'With its delivery log; nothing more is sent to it.',
  })
  @ApiParam({ name: 'id' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(404)
  @Idempotent(() => ({ body: null }))
  async delete(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.webhooks.delete(auth.workspaceId, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: "Rotate an endpoint's signing secret",
    description:
      'A new secret, shown only now. For 24 hours each request carries two signatures, one per secret, so receivers can switch at their pace.',
  })
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ type: RotatedSecretResponse })
  @ApiErrorResponses(404)
  @Idempotent(rotatedAnswer)
  async rotateSecret(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
  ): Promise<RotatedSecretResponse> {
    return rotatedAnswer(await this.webhooks.rotateSecret(auth.workspaceId, id))
      .body as RotatedSecretResponse;
  }

  @Get(':id/deliveries')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's deliveries",
    description:
      'Newest first, each with its status and its last attempts (status code, latency, error).',
  })
  @ApiParam({ name: 'id' })
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  @ApiErrorResponses(400, 404)
  async deliveries(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Query() query: DeliveriesQueryDto,
  ): Promise<WebhookDeliveryListResponse> {
    const page = await this.webhooks.deliveryLog(auth.workspaceId, id, query);
    return { items: page.items.map(toDeliveryResponse), nextCursor: page.nextCursor };
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'retryWebhookDelivery',
    summary: 'Send a delivery again',
    description:
      'Now, whatever it came to before (a parked delivery too); its outcome shows in the delivery log.',
  })
  @ApiParam({ name: 'id' })
  @ApiParam({ name: 'deliveryId' })
  @ApiAcceptedResponse({ description: 'Queued' })
  @ApiErrorResponses(404, 409)
  @Idempotent(() => ({ body: null }))
  async retry(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<void> {
    await this.webhooks.retry(auth.workspaceId, id, deliveryId);
  }
}
