import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ENVELOPE_VERSION, EVENT_TYPES, type EventType } from './envelope';

type Schema = Record<string, unknown>;

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema (`type: [T, "null"]`), which AsyncAPI schemas
 * are; the API's contact schema is flat (strings, numbers, string arrays), so one level is enough.
 */
function jsonSchemaOf(openApi: Schema): Schema {
  const properties = Object.fromEntries(
    Object.entries((openApi.properties ?? {}) as Record<string, Schema>).map(
      ([name, { nullable, example: _example, ...property }]) => [
        name,
        nullable ? { ...property, type: [property.type, 'null'] } : property,
      ],
    ),
  );
  return {
    type: 'object',
    properties,
    required: openApi.required ?? [],
    additionalProperties: false,
  };
}

const uuid = { type: 'string', format: 'uuid' };
const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' };
const dateTime = { type: 'string', format: 'date-time' };

/** What `data` holds for each event type (SPEC §6, §9, §10). */
function dataOf(type: EventType): Schema {
  const common = {
    eventId: uuid,
    workspaceId: objectId,
    contactId: objectId,
    occurredAt: dateTime,
    sequence: {
      type: 'integer',
      minimum: 1,
      description: "The contact's version after the change: increases with each of its events",
    },
  };
  const required = ['eventId', 'workspaceId', 'contactId', 'occurredAt', 'sequence'];
  const contact = {
    $ref: '#/components/schemas/Contact',
    description: 'The contact after the change (absent once its data has been erased)',
  };
  const byType: Record<EventType, { properties: Schema; description: string }> = {
    'contact.created': {
      properties: { contact },
      description: 'A contact was created (by the API, a message to a new number, an import...)',
    },
    'contact.updated': {
      properties: {
        contact,
        changes: {
          type: 'object',
          description:
            'Each changed field (fullName included when it moved) with its value before and after',
          additionalProperties: {
            type: 'object',
            properties: { from: {}, to: {} },
            required: ['from', 'to'],
          },
        },
      },
      description: 'Fields of a contact changed',
    },
    'contact.deleted': {
      properties: { contact },
      description: 'A contact was deleted (it can be restored until it is erased)',
    },
    'contact.restored': { properties: { contact }, description: 'A deleted contact was restored' },
    'contact.merged': {
      properties: {
        targetId: objectId,
        sourceIds: { type: 'array', items: objectId, minItems: 1, maxItems: 10 },
      },
      description:
        'Duplicates (sourceIds) were merged into the target (contactId = targetId); a contact.updated of the target follows',
    },
    'contact.erased': {
      properties: { erasedAt: dateTime },
      description: "A contact's personal data was erased for good: only ids and times remain",
    },
  };
  const { properties, description } = byType[type];
  return {
    type: 'object',
    description,
    properties: { ...common, ...properties },
    required,
    additionalProperties: false,
  };
}

const messageName = (type: EventType): string =>
  type.replace(/\.(\w)/, (_, c: string) => c.toUpperCase());

/**
 * The event catalogue as an AsyncAPI 3 document (SPEC §12): the two ways events leave the
 * service (webhooks to customers' endpoints, the NATS JetStream stream) and one message per event
 * type, each the same versioned envelope. The contact's schema is the REST API's own (from the
 * OpenAPI document), so the two cannot drift apart.
 */
export function buildAsyncApiDocument(openApi: OpenAPIObject, stream: string): Schema {
  const contact = openApi.components?.schemas?.ContactResponse as Schema | undefined;
  if (!contact) throw new Error('The OpenAPI document has no ContactResponse schema');
  const messages = Object.fromEntries(
    EVENT_TYPES.map((type) => [
      messageName(type),
      {
        name: type,
        title: type,
        summary: (dataOf(type).description as string) ?? type,
        contentType: 'application/json',
        payload: {
          type: 'object',
          properties: {
            id: {
              ...uuid,
              description:
                'The event id: the webhook-id header of a webhook, the Nats-Msg-Id header of a NATS message',
            },
            type: { type: 'string', const: type },
            version: {
              type: 'integer',
              const: ENVELOPE_VERSION,
              description:
                'The envelope version; a field is only ever added to data, anything else is a new version',
            },
            timestamp: { ...dateTime, description: 'When the change happened' },
            data: dataOf(type),
          },
          required: ['id', 'type', 'version', 'timestamp', 'data'],
          additionalProperties: false,
        },
      },
    ]),
  );
  const messageRefs = Object.fromEntries(
    Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Safravo Contacts events',
      version: String(ENVELOPE_VERSION),
      description:
        "Every change of a workspace's contacts, as webhooks (Standard Webhooks: headers webhook-id, webhook-timestamp, " +
        "webhook-signature `v1,<base64 HMAC-SHA256>`) and, when configured, on NATS JetStream. At least once; each contact's " +
        'events in order. Receivers drop duplicates by the event id.',
    },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: 'nats.example.com:4222',
        protocol: 'nats',
        description: `NATS with JetStream: stream ${stream} (the service's NATS_URL)`,
      },
    },
    channels: {
      webhook: {
        address: null,
        title: 'A webhook endpoint',
        description:
          'The URL of an endpoint registered with POST /v1/webhooks; each event is POSTed to it.',
        messages: messageRefs,
      },
      stream: {
        address: 'safravo.{workspaceId}.{eventType}',
        title: `The ${stream} stream`,
        description:
          'Each message with Nats-Msg-Id = the event id (duplicates within the duplicate window are stored once).',
        servers: [{ $ref: '#/servers/nats' }],
        parameters: {
          workspaceId: { description: 'The workspace id' },
          eventType: { enum: [...EVENT_TYPES], description: 'The event type' },
        },
        messages: messageRefs,
      },
    },
    operations: {
      sendWebhook: {
        action: 'send',
        channel: { $ref: '#/channels/webhook' },
        summary:
          "Each event to each of the workspace's enabled endpoints that subscribe to its type",
        messages: Object.keys(messages).map((name) => ({
          $ref: `#/channels/webhook/messages/${name}`,
        })),
      },
      publishToStream: {
        action: 'send',
        channel: { $ref: '#/channels/stream' },
        summary: 'Each event to the stream, acknowledged before it counts as published',
        messages: Object.keys(messages).map((name) => ({
          $ref: `#/channels/stream/messages/${name}`,
        })),
      },
    },
    components: { schemas: { Contact: jsonSchemaOf(contact) }, messages },
  };
}

/** Serves the catalogue at `/asyncapi.json` (public, like `/openapi.json`), built once. */
export function setupAsyncApi(
  app: NestFastifyApplication,
  openApi: () => OpenAPIObject,
  stream: string,
): void {
  let document: Schema | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .get('/asyncapi.json', (_request, reply) => {
      document ??= buildAsyncApiDocument(openApi(), stream);
      void reply.header('content-type', 'application/json; charset=utf-8').send(document);
    });
}
