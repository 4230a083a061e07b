import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookEndpointEntity } from '../entities/webhook-endpoint.entity';

export class WebhookResponse {
  @ApiProperty({ example: '6634e2b1a7c3f500231a8b99' })
  id: string;
  @ApiProperty({ example: 'https://example.com/hooks/safravo' })
  url: string;
  @ApiProperty({ type: [String], example: ['contact.created', 'contact.updated'] })
  events: string[];
  @ApiProperty({ example: true })
  enabled: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Data warehouse sync' })
  description: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the service disabled it (a 410, days of failures); null otherwise',
    example: null,
  })
  disabledReason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Since when every attempt has failed; null when the last one succeeded',
  })
  failingSince: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** At creation only: the signing secret, shown this once. */
export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret: shown only now (rotate it to get a new one)',
  })
  secret: string;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] })
  items: WebhookResponse[];
}

export class RotatedSecretResponse {
  @ApiProperty({ example: 'whsec_1B2f…', description: 'The new signing secret: shown only now' })
  secret: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Until when the previous secret signs too (24 hours)',
  })
  previousSecretExpiresAt: string;
}

export class DeliveryAttemptResponse {
  @ApiProperty({ format: 'date-time' })
  attemptedAt: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 200,
    description: "The endpoint's HTTP status; null when it gave none",
  })
  statusCode: number | null;
  @ApiProperty({ example: 42 })
  latencyMs: number;
  @ApiProperty({ type: String, nullable: true, example: null })
  error: string | null;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ example: '0b5c6f3e-3f5a-4c1e-9d2b-7a8e9f0a1b2c' })
  id: string;
  @ApiProperty({
    example: '9d4f2a6b-1c3e-4f5a-8b7c-6d5e4f3a2b1c',
    description: 'The event id (the `webhook-id` header)',
  })
  eventId: string;
  @ApiProperty({ example: 'contact.updated' })
  eventType: string;
  @ApiProperty({ example: '6634e2b1a7c3f500231a8b01' })
  contactId: string;
  @ApiProperty({
    enum: ['pending', 'delivered', 'failed'],
    description: '`failed`: retried for WEBHOOK_RETRY_HOURS without success (retry it by hand)',
  })
  status: string;
  @ApiProperty({ example: 1, description: 'Attempts made' })
  attempts: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When it is tried again (pending only)',
  })
  nextAttemptAt: string | null;
  @ApiProperty({ type: Number, nullable: true })
  lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  deliveredAt: string | null;
  @ApiProperty({
    type: [DeliveryAttemptResponse],
    description: 'The last ten attempts, newest first',
  })
  attemptLog: DeliveryAttemptResponse[];
}

export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] })
  items: WebhookDeliveryResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for older deliveries; null at the end',
  })
  nextCursor: string | null;
}

export function toWebhookResponse(e: WebhookEndpointEntity): WebhookResponse {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    enabled: e.enabled,
    description: e.description,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
