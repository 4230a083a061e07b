/**
 * The webhook ceiling of bench/events.ts: the service's own sending code (WebhookSender, the
 * Standard Webhooks signature, the envelope of a created contact), in a process of its own as the
 * service is, without the database or the outbox: how many requests a second this machine can
 * send to the benchmark's receivers at all. Started by bench/events.ts (phase `ceiling`):
 *
 *   node dist/bench/webhook-ceiling.js '<receiver URLs as JSON>' <requests in flight per URL> <seconds>
 *
 * Prints one line of JSON: `{ sent, failed, perSecond, cpuMicrosPerSend, bodyBytes }`.
 */
import { randomUUID } from 'node:crypto';
import { toEnvelope } from '../src/event-catalogue/envelope';
import { WebhookSender } from '../src/webhooks/webhook-sender';
import { newSecret, webhookHeaders } from '../src/webhooks/webhook-signature';

const [urlsJson, perUrlArg, secondsArg] = process.argv.slice(2);
const urls = JSON.parse(urlsJson) as string[];
const perUrl = Number(perUrlArg);
const seconds = Number(secondsArg);

/** A created contact's event, as the benchmark's batch creates make them (a name and a phone). */
function body(i: number): { id: string; json: string } {
  const now = new Date().toISOString();
  const contactId = randomUUID().replace(/-/g, '').slice(0, 24);
  const envelope = toEnvelope({
    eventName: 'contact.created',
    eventId: randomUUID(),
    workspaceId: 'a'.repeat(24),
    contactId,
    occurredAt: now,
    sequence: String(i),
    contact: {
      id: contactId,
      firstName: `Event ${i}`,
      lastName: null,
      phone: `+2547${String(i).padStart(8, '0')}`,
      email: null,
      additionalPhones: [],
      additionalEmails: [],
      tags: [],
      customFields: {},
      source: 'api',
      createdAt: now,
      updatedAt: now,
      version: 1,
    },
  });
  return { id: envelope.id, json: JSON.stringify(envelope) };
}

async function main(): Promise<void> {
  // The service's timeout and a private address allowed (the receivers are on 127.0.0.1).
  const sender = new WebhookSender(10_000, true);
  const secret = newSecret();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const end = started + seconds * 1000;
  let sent = 0;
  let failed = 0;
  let bodyBytes = 0;
  const lane = async (url: string): Promise<void> => {
    while (performance.now() < end) {
      const { id, json } = body(sent + failed);
      bodyBytes = json.length;
      const headers = webhookHeaders([secret], id, Math.floor(Date.now() / 1000), json);
      const result = await sender.send(url, headers, json);
      if (result.ok) sent++;
      else failed++;
    }
  };
  await Promise.all(urls.flatMap((url) => Array.from({ length: perUrl }, () => lane(url))));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await sender.close();
  console.log(
    JSON.stringify({
      sent,
      failed,
      perSecond: sent / elapsed,
      cpuMicrosPerSend: (cpu.user + cpu.system) / Math.max(1, sent + failed),
      bodyBytes,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
