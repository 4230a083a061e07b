import { ApiKeyEntity } from '../api-keys/entities/api-key.entity';
import { BrokerMessageEntity } from '../broker/broker-message.entity';
import {
  DashboardSessionEntity,
  DashboardSignInLinkEntity,
} from '../dashboard/sessions/dashboard-session.entities';
import { ContactChangeEntity } from '../contacts/entities/contact-change.entity';
import { ContactHistoryEntity } from '../contacts/entities/contact-history.entity';
import { ContactIdentityEntity } from '../contacts/entities/contact-identity.entity';
import { ContactEntity } from '../contacts/entities/contact.entity';
import { WorkspaceContactCountEntity } from '../contacts/entities/workspace-contact-count.entity';
import { ConversationEntity } from '../conversations/entities/conversation.entity';
import { MessageEntity } from '../conversations/entities/message.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { OutboxDeliveryEntity } from '../outbox/outbox-delivery.entity';
import { OutboxEventEntity } from '../outbox/outbox-event.entity';
import { WebhookAttemptEntity } from '../webhooks/entities/webhook-attempt.entity';
import { WebhookDeliveryEntity } from '../webhooks/entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../webhooks/entities/webhook-endpoint.entity';
import { WorkspaceEntity } from '../workspaces/entities/workspace.entity';

/** Every entity of the service, for the app's DataSource and the migration CLI alike. */
export const ENTITIES = [
  WorkspaceEntity,
  ApiKeyEntity,
  ContactEntity,
  ContactHistoryEntity,
  ContactIdentityEntity,
  ContactChangeEntity,
  WorkspaceContactCountEntity,
  OutboxEventEntity,
  OutboxDeliveryEntity,
  ConversationEntity,
  MessageEntity,
  IdempotencyKeyEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
  BrokerMessageEntity,
  DashboardSignInLinkEntity,
  DashboardSessionEntity,
];
