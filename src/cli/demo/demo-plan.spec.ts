import { validateInput } from '../../common/validation/validation';
import { CreateContactDto } from '../../contacts/dto/create-contact.dto';
import { UpdateContactDto } from '../../contacts/dto/update-contact.dto';
import { normalizePhone } from '../../contacts/utils/normalize-phone.util';
import { DEMO_COUNTRY, demoPlan } from './demo-plan';

/** The demo data is valid for the service, the same on every run, and looks like a real CRM's. */
describe('demoPlan', () => {
  const plan = demoPlan();
  /** The number as the service stores it, or a failure naming the input. */
  const e164 = (raw: string): string => {
    const result = normalizePhone(raw, DEMO_COUNTRY);
    if (!result.ok) throw new Error(`${raw}: ${result.problem}`);
    expect(result.variant).toBe(false);
    return result.e164;
  };

  it('is the same on every run', () => {
    expect(demoPlan()).toEqual(plan);
    expect(demoPlan(50)).toEqual(demoPlan(50));
  });

  it('has a few hundred contacts, each one a valid create body with a phone or an email', () => {
    expect(plan.contacts).toHaveLength(300 + plan.merges.length);
    for (const contact of plan.contacts) {
      expect(() => validateInput(CreateContactDto, contact)).not.toThrow();
      expect(contact.phone ?? contact.email).toBeDefined();
    }
  });

  it('gives WhatsApp-style mobile numbers of several countries, Kenya first, every one unique and valid', () => {
    const phones = [
      ...plan.contacts.flatMap((c) => [
        ...(c.phone ? [c.phone] : []),
        ...(c.additionalPhones ?? []),
      ]),
      ...plan.named.map((n) => n.phone),
    ].map(e164);
    expect(new Set(phones).size).toBe(phones.length);
    const byCode = new Map<string, number>();
    for (const phone of phones) {
      const code = ['+254', '+234', '+256', '+255', '+27', '+44', '+1', '+91'].find((c) =>
        phone.startsWith(c),
      );
      expect(code).toBeDefined();
      byCode.set(code as string, (byCode.get(code as string) ?? 0) + 1);
    }
    expect(byCode.size).toBe(8);
    expect(Math.max(...byCode.values())).toBe(byCode.get('+254'));
    // Some Kenyan numbers are written as at home, for the workspace's country to read.
    expect(plan.contacts.some((c) => c.phone?.startsWith('07') || c.phone?.startsWith('01'))).toBe(
      true,
    );
  });

  it('gives emails to some, unique, in reserved .example domains', () => {
    const emails = plan.contacts.flatMap((c) => (c.email ? [c.email] : []));
    expect(emails.length).toBeGreaterThan(plan.contacts.length / 3);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9.]+@[a-z0-9]+(\.[a-z]+)*\.example$/);
  });

  it('uses names, companies, tags and lifecycles', () => {
    const share = (has: (c: (typeof plan.contacts)[number]) => unknown): number =>
      plan.contacts.filter(has).length / plan.contacts.length;
    expect(share((c) => c.lastName)).toBeGreaterThan(0.8);
    expect(share((c) => c.company)).toBeGreaterThan(0.3);
    expect(share((c) => c.tags?.length)).toBeGreaterThan(0.4);
    expect(share((c) => c.lifecycle)).toBeGreaterThan(0.5);
    expect(new Set(plan.contacts.map((c) => c.firstName)).size).toBeGreaterThan(60);
    expect(plan.contacts.some((c) => /[^\x00-\x7f]/.test(c.firstName))).toBe(true);
  });

  it('has conversations with contacts and with numbers nobody has yet, each opened by a message sent', () => {
    expect(plan.conversations.length).toBeGreaterThan(100);
    const known = new Set(plan.contacts.flatMap((c) => (c.phone ? [e164(c.phone)] : [])));
    const strangers = plan.conversations.filter((c) => !known.has(c.phone));
    expect(strangers.length).toBe(10);
    for (const named of plan.named) expect(strangers.map((s) => s.phone)).toContain(named.phone);
    for (const { messages } of plan.conversations) {
      expect(messages[0].direction).toBe('outbound');
      for (const { text } of messages) expect(text).not.toMatch(/\{|\}| ,| !/);
    }
    const directions = plan.conversations.flatMap((c) => c.messages.map((m) => m.direction));
    expect(directions.filter((d) => d === 'inbound').length).toBeGreaterThan(50);
  });

  it('changes, merges and deletes distinct contacts afterwards, with valid changes', () => {
    const touched = [...plan.updates.map((u) => u.contact), ...plan.merges.flat(), ...plan.deletes];
    expect(new Set(touched).size).toBe(touched.length);
    for (const index of touched) expect(plan.contacts[index]).toBeDefined();
    for (const { changes } of [...plan.updates, ...plan.named]) {
      expect(() => validateInput(UpdateContactDto, changes)).not.toThrow();
    }
    for (const [target, duplicate] of plan.merges) {
      expect(plan.contacts[duplicate].firstName).toBe(plan.contacts[target].firstName);
      expect(plan.contacts[duplicate].phone).toBeUndefined();
    }
    expect(plan.merges).toHaveLength(2);
    expect(plan.deletes).toHaveLength(3);
  });
});
