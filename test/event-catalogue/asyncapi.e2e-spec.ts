import { Parser } from '@asyncapi/parser';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { createContact } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { GENEROUS_RATE_LIMITS } from '../contacts/support';
import { createTestApp } from '../utils/create-test-app';
import { describeIf } from '../utils/describe-if';
import { NATS_URL, TEST_STREAM, workspaceMessages } from '../utils/nats';
import { drainWorkspace } from '../utils/outbox';
import { Receiver } from '../utils/receiver';

type Document = { components: { messages: Record<string, { name: string }> } };

/** SPEC §12: the event catalogue as AsyncAPI 3, checked against what the service really sends. */
describe('AsyncAPI document', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let doc: Document;
  let receiver: Receiver;
  /** Validates an envelope against the message of its type; returns the problems. */
  let problemsOf: (envelope: { type: string }) => string[];
  const api = (method: 'post' | 'patch' | 'delete', path: string) =>
    request(app.getHttpServer())[method](path).set('X-API-Key', ws.apiKey);

  /** One of each event type, for a workspace with a webhook to `receiver`. */
  const everyEvent = async () => {
    await api('post', '/v1/webhooks')
      .send({ url: receiver.url, events: ['*'] })
      .expect(201);
    const contact = await createContact(app, ws.apiKey);
    await api('patch', `/v1/contacts/${contact.id}`)
      .send({ company: 'Acme', tags: ['vip'] })
      .expect(200);
    await api('delete', `/v1/contacts/${contact.id}`).expect(204);
    await api('post', `/v1/contacts/${contact.id}/restore`).expect(200);
    const duplicate = await createContact(app, ws.apiKey);
    await api('post', `/v1/contacts/${contact.id}/merge`)
      .send({ sourceIds: [duplicate.id] })
      .expect(200);
    await api('post', `/v1/contacts/${contact.id}/erase`).expect(200);
    await drainWorkspace(app, ws.workspace.id);
    await app.get(WebhookDispatcher).drain({ workspaceId: ws.workspace.id });
  };

  beforeAll(async () => {
    app = await createTestApp({
      ...GENEROUS_RATE_LIMITS,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      ...(NATS_URL ? { NATS_URL, NATS_STREAM: TEST_STREAM } : {}),
    });
    await app.listen(0, '127.0.0.1');
    const res = await request(app.getHttpServer()).get('/asyncapi.json').expect(200);
    expect(res.headers['content-type']).toContain('application/json');
    doc = res.body as Document;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc, 'asyncapi');
    const byType = new Map(
      Object.entries(doc.components.messages).map(([key, message]) => [message.name, key]),
    );
    problemsOf = (envelope) => {
      const key = byType.get(envelope.type);
      if (!key) return [`no message for ${envelope.type}`];
      const validate = ajv.getSchema(`asyncapi#/components/messages/${key}/payload`);
      if (!validate) return [`no payload schema for ${key}`];
      return validate(envelope)
        ? []
        : (validate.errors ?? []).map(
            (e) => `${envelope.type} ${e.instancePath} ${e.message ?? ''}`,
          );
    };
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
    receiver = await new Receiver().start();
  });
  afterEach(() => receiver.stop());
  afterAll(() => app.close());

  it('is a valid AsyncAPI 3 document (the AsyncAPI parser finds no error) with a message per event type', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(doc));
    expect(
      diagnostics
        .filter((d) => Number(d.severity) === 0 /* an error */)
        .map((d) => `${d.path.join('.')}: ${d.message}`),
    ).toEqual([]);
    expect(Object.values(doc.components.messages).map((m) => m.name)).toEqual([
      'contact.created',
      'contact.updated',
      'contact.deleted',
      'contact.restored',
      'contact.merged',
      'contact.erased',
    ]);
  });

  it('describes every webhook the service sends, of every event type', async () => {
    await everyEvent();
    const sent = receiver.messages();
    expect(new Set(sent.map((m) => m.type))).toEqual(
      new Set([
        'contact.created',
        'contact.updated',
        'contact.deleted',
        'contact.restored',
        'contact.merged',
        'contact.erased',
      ]),
    );
    expect(sent.flatMap(problemsOf)).toEqual([]);
    // The check can fail: a field the catalogue does not know is refused.
    expect(problemsOf({ ...sent[0], surprise: true } as { type: string })).not.toEqual([]);
  });

  describeIf(Boolean(NATS_URL), 'NATS with JetStream (set NATS_URL)')('on the stream', () => {
    it('describes every message the service publishes', async () => {
      await everyEvent();
      const stored = await workspaceMessages(ws.workspace.id);
      expect(stored.length).toBeGreaterThanOrEqual(2);
      expect(stored.map((m) => m.envelope).flatMap(problemsOf)).toEqual([]);
    });
  });
});
