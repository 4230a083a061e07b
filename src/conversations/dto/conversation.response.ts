import { ApiProperty } from '@nestjs/swagger';
import type { ConversationEntity } from '../entities/conversation.entity';
import type { MessageEntity } from '../entities/message.entity';

export class ContactSummaryResponse {
  @ApiProperty({ example: '6634e2b1a7c3f500231a8b01' })
  id: string;
  @ApiProperty({ example: 'Jane Doe' })
  fullName: string;
  @ApiProperty({ type: String, nullable: true, example: '+254712345678' })
  phone: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'jane@example.com' })
  email: string | null;
  @ApiProperty({
    enum: ['active', 'deleted', 'erased'],
    description:
      '`deleted`: the contact was deleted (it can be restored); `erased`: its personal data is gone for good',
  })
  state: 'active' | 'deleted' | 'erased';
}

export class ConversationResponse {
  @ApiProperty({ example: '6634e2b1a7c3f500231a8c11' })
  id: string;
  @ApiProperty({ example: 'whatsapp' })
  channel: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '+254712345678',
    description: 'E.164; null once its contact was erased',
  })
  address: string | null;
  @ApiProperty({
    enum: ['open', 'closed'],
    description: 'Messages to the address go to its open conversation',
  })
  status: 'open' | 'closed';
  @ApiProperty({ type: String, nullable: true, example: '6634e2b1a7c3f500231a8b01' })
  contactId: string | null;
  @ApiProperty({ type: ContactSummaryResponse, nullable: true })
  contact: ContactSummaryResponse | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastMessageAt: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ConversationListResponse {
  @ApiProperty({ type: [ConversationResponse] })
  items: ConversationResponse[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) limit: number;
  @ApiProperty({ example: 1 }) totalPages: number;
}

export class MessageResponse {
  @ApiProperty({ example: '6634e2b1a7c3f500231a8d21' })
  id: string;
  @ApiProperty({ example: '6634e2b1a7c3f500231a8c11' })
  conversationId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '6634e2b1a7c3f500231a8b01',
    description: 'Null until the contact is linked',
  })
  contactId: string | null;
  @ApiProperty({ enum: ['outbound', 'inbound'] })
  direction: string;
  @ApiProperty({ example: 'Hello Jane' })
  text: string;
  @ApiProperty({ enum: ['queued', 'sent', 'delivered', 'failed'] })
  status: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class MessageResolutionResponse {
  @ApiProperty({ example: '6634e2b1a7c3f500231a8b01' })
  contactId: string;
  @ApiProperty({
    enum: ['phone', 'additional_phone', 'variant', 'created'],
    description:
      "`phone`: the contact's phone; `additional_phone`: one of its additional phones; `variant`: a variant form of one of them (e.g. a Brazilian mobile without its ninth digit); `created`: no contact had the number, one was created",
  })
  matchedBy: 'phone' | 'additional_phone' | 'variant' | 'created';
}

/** `POST /v1/messages`: the message, and whom it went to. */
export class SentMessageResponse extends MessageResponse {
  @ApiProperty({ type: MessageResolutionResponse })
  resolution: MessageResolutionResponse;
}

export class MessageListResponse {
  @ApiProperty({ type: [MessageResponse] })
  items: MessageResponse[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) limit: number;
  @ApiProperty({ example: 1 }) totalPages: number;
}

export function toConversationResponse(c: ConversationEntity): ConversationResponse {
  return {
    id: c.id,
    channel: c.channel,
    address: c.address,
    status: c.status,
    contactId: c.contactId,
    contact: c.contactSummary
      ? { ...c.contactSummary, state: c.contactSummary.state ?? 'active' }
      : null,
    lastMessageAt: c.lastMessageAt ? c.lastMessageAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
  };
}

export function toMessageResponse(m: MessageEntity): MessageResponse {
  return {
    id: m.id,
    conversationId: m.conversationId,
    contactId: m.contactId,
    direction: m.direction,
    text: m.text,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
  };
}
