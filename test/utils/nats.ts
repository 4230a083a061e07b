import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';

/** The NATS server of the test run (CI starts one with JetStream and sets NATS_URL). */
export const NATS_URL = process.env.NATS_URL ?? '';
/** The stream the tests publish to: the service's own default (subjects may not overlap two streams). */
export const TEST_STREAM = 'SAFRAVO_EVENTS';

export interface StreamMessage {
  subject: string;
  seq: number;
  msgId: string | undefined;
  envelope: {
    id: string;
    type: string;
    data: { contactId: string; sequence: number; contact?: Record<string, unknown> };
  };
}

/** Every message the stream holds for one workspace, in stream order. */
export async function workspaceMessages(
  workspaceId: string,
  stream = TEST_STREAM,
): Promise<StreamMessage[]> {
  const nc = await connect({ servers: NATS_URL });
  try {
    // An ephemeral consumer with one filter subject (servers before 2.10 know no other kind).
    const { name } = await (
      await jetstreamManager(nc)
    ).consumers.add(stream, {
      filter_subject: `safravo.${workspaceId}.>`,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: nanos(30_000),
    });
    const consumer = await jetstream(nc).consumers.get(stream, name);
    const pending = (await consumer.info()).num_pending;
    const messages: StreamMessage[] = [];
    if (pending === 0) return messages;
    const batch = await consumer.fetch({ max_messages: pending, expires: 5000 });
    for await (const m of batch) {
      messages.push({
        subject: m.subject,
        seq: m.seq,
        msgId: m.headers?.get('Nats-Msg-Id'),
        envelope: m.json(),
      });
      if (messages.length >= pending) break;
    }
    return messages;
  } finally {
    await nc.close();
  }
}
