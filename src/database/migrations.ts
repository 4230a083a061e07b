import { CreateWorkspacesApiKeysContacts1795719756480 } from '../../migrations/1795719756480-CreateWorkspacesApiKeysContacts';
import { AddOutboxConversationsMessages1795722928892 } from '../../migrations/1795722928892-AddOutboxConversationsMessages';
import { CountContactsPerWorkspace1795725030375 } from '../../migrations/1795725030375-CountContactsPerWorkspace';
import { SearchIndexesWithoutPendingList1795725294798 } from '../../migrations/1795725294798-SearchIndexesWithoutPendingList';
import { WorkspaceScopedSearch1795727357692 } from '../../migrations/1795727357692-WorkspaceScopedSearch';
import { OutboxRetention1795739471261 } from '../../migrations/1795739471261-OutboxRetention';
import { ContactLifecycle1796080000000 } from '../../migrations/1796080000000-ContactLifecycle';
import { ContactIdentities1796090000000 } from '../../migrations/1796090000000-ContactIdentities';
import { ContactMerge1796100000000 } from '../../migrations/1796100000000-ContactMerge';
import { ContactChanges1796110000000 } from '../../migrations/1796110000000-ContactChanges';
import { IdempotencyKeys1796120000000 } from '../../migrations/1796120000000-IdempotencyKeys';
import { Webhooks1796130000000 } from '../../migrations/1796130000000-Webhooks';
import { BrokerMessages1796140000000 } from '../../migrations/1796140000000-BrokerMessages';
import { DashboardSessions1796150000000 } from '../../migrations/1796150000000-DashboardSessions';
import { WebhookDueByEndpoint1796160000000 } from '../../migrations/1796160000000-WebhookDueByEndpoint';
import { OutboxDeliveryOrder1796170000000 } from '../../migrations/1796170000000-OutboxDeliveryOrder';
import { OutboxConsumerDue1796180000000 } from '../../migrations/1796180000000-OutboxConsumerDue';
import { OrderProbeIndexes1796200000000 } from '../../migrations/1796200000000-OrderProbeIndexes';
import { PhoneDigitSuffixes1796210000000 } from '../../migrations/1796210000000-PhoneDigitSuffixes';
import { OutboxTraceContext1796190000000 } from '../../migrations/1796190000000-OutboxTraceContext';
import { QueueTablesAutovacuum1796220000000 } from '../../migrations/1796220000000-QueueTablesAutovacuum';
import { CountShardsWithoutWaiting1796230000000 } from '../../migrations/1796230000000-CountShardsWithoutWaiting';
import { WebhookDeliveryWrites1796240000000 } from '../../migrations/1796240000000-WebhookDeliveryWrites';
import { WebhookEndpointHolds1796250000000 } from '../../migrations/1796250000000-WebhookEndpointHolds';

/**
 * Every migration, in order. Listed explicitly (not globbed) so that the compiled service, the
 * TypeScript test run and the CLI all load exactly the same set.
 */
export const MIGRATIONS = [
  CreateWorkspacesApiKeysContacts1795719756480,
  AddOutboxConversationsMessages1795722928892,
  CountContactsPerWorkspace1795725030375,
  SearchIndexesWithoutPendingList1795725294798,
  WorkspaceScopedSearch1795727357692,
  OutboxRetention1795739471261,
  ContactLifecycle1796080000000,
  ContactIdentities1796090000000,
  ContactMerge1796100000000,
  ContactChanges1796110000000,
  IdempotencyKeys1796120000000,
  Webhooks1796130000000,
  BrokerMessages1796140000000,
  DashboardSessions1796150000000,
  WebhookDueByEndpoint1796160000000,
  OutboxDeliveryOrder1796170000000,
  OutboxConsumerDue1796180000000,
  OutboxTraceContext1796190000000,
  OrderProbeIndexes1796200000000,
  PhoneDigitSuffixes1796210000000,
  QueueTablesAutovacuum1796220000000,
  CountShardsWithoutWaiting1796230000000,
  WebhookDeliveryWrites1796240000000,
  WebhookEndpointHolds1796250000000,
];
