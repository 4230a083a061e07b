import { normalizePhone } from '../../contacts/utils/normalize-phone.util';

/**
 * The demo workspace's data (`npm run -s seed:demo`), the same on every run: a seeded
 * pseudo-random generator, so that the README, the tests and a developer's screen agree.
 * Pure data; `seedDemo` writes it through the service's own services.
 */

/** The workspace's default country: Kenyan numbers may be written without `+254`. */
export const DEMO_COUNTRY = 'KE';

/** A contact as `POST /v1/contacts` takes it. */
export interface DemoContact {
  firstName: string;
  lastName?: string;
  phone?: string;
  email?: string;
  additionalPhones?: string[];
  company?: string;
  jobTitle?: string;
  tags?: string[];
  lifecycle?: string;
  notes?: string;
}

export interface DemoMessage {
  direction: 'outbound' | 'inbound';
  text: string;
}

/** A WhatsApp thread with a number: the messages in order, the first one outbound. */
export interface DemoConversation {
  /** E.164. */
  phone: string;
  messages: DemoMessage[];
}

/** A change made to a contact after its creation (its history shows it). */
export interface DemoUpdate {
  /** Index in `contacts`. */
  contact: number;
  changes: Partial<DemoContact>;
}

export interface DemoPlan {
  contacts: DemoContact[];
  /** Threads with contacts' numbers, and then with numbers no contact has (messaging creates one). */
  conversations: DemoConversation[];
  /** Contacts that messaging created for an unknown number, named afterwards (by phone). */
  named: { phone: string; changes: Partial<DemoContact> }[];
  updates: DemoUpdate[];
  /** Pairs of contacts (indexes) that are one person: the second is merged into the first. */
  merges: [number, number][];
  /** Indexes of contacts deleted afterwards (restorable in the dashboard). */
  deletes: number[];
}

interface CountrySpec {
  code: string;
  /** Share of the contacts, in percent. */
  share: number;
  dial: string;
  /** National mobile numbers: a prefix, then random digits to `length`. */
  prefixes: string[];
  length: number;
  first: string[];
  last: string[];
  companies: string[];
}

const COUNTRIES: CountrySpec[] = [
  {
    code: 'KE',
    share: 40,
    dial: '254',
    prefixes: ['70', '71', '72', '74', '79', '11'],
    length: 9,
    first: [
      'Wanjiku',
      'Achieng',
      'Kamau',
      'Otieno',
      'Njeri',
      'Mwangi',
      'Akinyi',
      'Kiprop',
      'Chebet',
      'Wafula',
      'Nyambura',
      'Omondi',
      'Wairimu',
      'Kibet',
      'Muthoni',
      'Onyango',
      'Auma',
      'Wambui',
      'Barasa',
      'Zawadi',
    ],
    last: [
      'Kamau',
      'Otieno',
      'Mwangi',
      'Ochieng',
      'Njoroge',
      'Kariuki',
      'Wanjala',
      'Kiptoo',
      'Mutua',
      'Odhiambo',
      'Kimani',
      'Chege',
      'Korir',
      'Maina',
      'Wekesa',
      'Nyaga',
    ],
    companies: [
      'Jamii Traders',
      'Nairobi Fresh Produce',
      'Mombasa Freight',
      'Kisumu Hardware',
      'Savannah Pharmacy',
      'Tuko Pamoja Sacco',
    ],
  },
  {
    code: 'NG',
    share: 15,
    dial: '234',
    prefixes: ['803', '806', '813', '816', '703', '706', '903', '905'],
    length: 10,
    first: [
      'Chinedu',
      'Ngozi',
      'Emeka',
      'Adaeze',
      'Tunde',
      'Folake',
      'Ibrahim',
      'Aisha',
      'Olumide',
      'Yetunde',
      'Chiamaka',
      'Segun',
    ],
    last: [
      'Okafor',
      'Adeyemi',
      'Okonkwo',
      'Balogun',
      'Eze',
      'Abubakar',
      'Nwosu',
      'Adebayo',
      'Bello',
    ],
    companies: ['Lagos Textiles', 'Eko Logistics', 'Abuja Agro Supplies'],
  },
  {
    code: 'UG',
    share: 8,
    dial: '256',
    prefixes: ['70', '71', '75', '77', '78'],
    length: 9,
    first: ['Nakato', 'Mukasa', 'Namubiru', 'Akello', 'Okello', 'Nansubuga', 'Kato', 'Babirye'],
    last: ['Mugisha', 'Ssekandi', 'Namutebi', 'Tumusiime', 'Byaruhanga', 'Ouma'],
    companies: ['Kampala Coffee Co.', 'Pearl Dairy Farmers'],
  },
  {
    code: 'TZ',
    share: 8,
    dial: '255',
    prefixes: ['71', '74', '75', '76', '78'],
    length: 9,
    first: ['Neema', 'Baraka', 'Rehema', 'Juma', 'Amani', 'Upendo', 'Hamisi', 'Faraja'],
    last: ['Mushi', 'Mwakyusa', 'Massawe', 'Kimaro', 'Lyimo', 'Shirima'],
    companies: ['Arusha Safaris', 'Zanzibar Spice Traders'],
  },
  {
    code: 'ZA',
    share: 8,
    dial: '27',
    prefixes: ['60', '61', '72', '73', '76', '82', '83'],
    length: 9,
    first: ['Thandiwe', 'Sipho', 'Lerato', 'Thabo', 'Zanele', 'Pieter', 'Naledi', 'Johan'],
    last: ['Nkosi', 'Dlamini', 'van der Merwe', 'Mokoena', 'Botha', 'Ndlovu', 'Khumalo'],
    companies: ['Cape Wine Exports', 'Joburg Print House'],
  },
  {
    code: 'GB',
    share: 7,
    dial: '44',
    prefixes: ['74', '75', '77', '78', '79'],
    length: 10,
    first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Zoë', 'Jack', 'Sophie'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans'],
    companies: ['Brightside Imports Ltd', 'Thames Valley Foods'],
  },
  {
    code: 'US',
    share: 7,
    dial: '1',
    // Area codes, then 555-01xx: the range the numbering plan keeps for fiction.
    prefixes: ['21255501', '41555501', '64655501', '31255501', '71355501'],
    length: 10,
    first: ['James', 'Emily', 'Michael', 'Olivia', 'Daniel', 'Sofía', 'Ethan', 'Madison'],
    last: ['Johnson', 'Miller', 'Davis', 'García', 'Rodriguez', 'Anderson', 'Lee'],
    companies: ['Acme Retail Inc.', 'Blue Harbor Partners'],
  },
  {
    code: 'IN',
    share: 7,
    dial: '91',
    prefixes: ['98', '99', '97', '90', '88', '70'],
    length: 10,
    first: ['Priya', 'Arjun', 'Ananya', 'Rohan', 'Kavya', 'Vikram', 'Meera', 'Aditya'],
    last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Gupta', 'Nair', 'Singh'],
    companies: ['Mumbai Spice Exports', 'Bengaluru Cloud Services'],
  },
];

const JOB_TITLES = [
  'Shop owner',
  'Procurement manager',
  'Operations lead',
  'Accountant',
  'Founder',
  'Sales representative',
  'Fleet manager',
  'Office administrator',
];
const TAGS = ['customer', 'lead', 'vip', 'wholesale', 'retail', 'newsletter', 'support'];
const LIFECYCLES = ['Lead', 'Prospect', 'Customer', 'Customer', 'Churned'];
const EMAIL_DOMAINS = ['mail.example', 'inbox.example', 'post.example'];
const NOTES = [
  'Prefers WhatsApp over calls.',
  'Orders every month; pays by M-Pesa.',
  'Asked for a quote for 200 units.',
  'Met at the Nairobi trade fair.',
  'Call after 5 pm.',
];

const OUTBOUND = [
  'Hi {first}, your order #{n} has been dispatched and should arrive tomorrow.',
  'Habari {first}! Your delivery is on its way. Reply STOP to opt out.',
  'Hello {first}, a reminder that your appointment is on Friday at 10:00.',
  'Thank you {first}, we have received your payment for invoice {n}.',
  'Hi {first}, our new price list is out. Shall I send you a copy?',
  'Dear {first}, your subscription renews next week.',
];
const INBOUND = [
  'Asante sana!',
  'Thanks, received.',
  'Can you deliver on Saturday instead?',
  'What time will the driver arrive?',
  'Yes please, send it.',
  'Ok 👍',
  'I paid this morning, please confirm.',
  'Who is this?',
];
const TO_STRANGERS = [
  'Hello! This is Jamii Traders: your order #{n} is ready for collection.',
  'Karibu! Thanks for your enquiry about our delivery service.',
  'Hello, your parcel {n} could not be delivered. When are you available?',
];
const FOLLOW_UP = [
  'Sure, Saturday works. We will call you before we come.',
  'The driver will be there between 2 and 4 pm.',
  'Confirmed, thank you {first}!',
  'Sent! Let me know if you have questions.',
];

/** mulberry32: a small seeded generator, so every run makes the same data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo data for `count` contacts (a few hundred by default). */
export function demoPlan(count = 300): DemoPlan {
  const random = generator(16);
  const chance = (percent: number): boolean => random() * 100 < percent;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const digits = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const fill = (text: string, first: string): string =>
    text.replace('{first}', first).replace('{n}', String(1000 + Math.floor(random() * 9000)));

  const taken = new Set<string>();
  /** A new mobile number of the country: [E.164, as a person in that country writes it]. */
  const newPhone = (country: CountrySpec): [string, string] => {
    for (;;) {
      const national = pick(country.prefixes);
      const number = national + digits(country.length - national.length);
      const e164 = `+${country.dial}${number}`;
      // Not every number of a prefix is allocated: only those the service takes as they are.
      const checked = normalizePhone(e164);
      if (!checked.ok || checked.e164 !== e164 || taken.has(e164)) continue;
      taken.add(e164);
      const local =
        number.length === 9
          ? `0${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`
          : '';
      return [e164, local];
    }
  };
  const emails = new Set<string>();
  const newEmail = (first: string, last: string | undefined, company?: string): string => {
    const plain = (s: string): string =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z]/g, '');
    const domain = company ? `${plain(company).slice(0, 16)}.example` : pick(EMAIL_DOMAINS);
    const local = last ? `${plain(first)}.${plain(last)}` : plain(first);
    for (let n = 0; ; n++) {
      const email = `${local}${n === 0 ? '' : n + 1}@${domain}`;
      if (!emails.has(email)) {
        emails.add(email);
        return email;
      }
    }
  };
  const countryAt = (): CountrySpec => {
    let roll = random() * 100;
    for (const country of COUNTRIES) {
      roll -= country.share;
      if (roll < 0) return country;
    }
    return COUNTRIES[0];
  };

  const contacts: DemoContact[] = [];
  /** Each contact's phone in E.164, however it is written in `contacts`. */
  const phones: (string | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const country = countryAt();
    const first = pick(country.first);
    const last = chance(90) ? pick(country.last) : undefined;
    const contact: DemoContact = { firstName: first };
    if (last) contact.lastName = last;
    const business = chance(45);
    if (business) {
      contact.company = pick(country.companies);
      contact.jobTitle = pick(JOB_TITLES);
    }
    // WhatsApp first: nearly everyone has a number; some only an email.
    if (chance(95)) {
      const [e164, local] = newPhone(country);
      // Some Kenyan numbers are typed as at home (07..): the workspace's country reads them.
      contact.phone = country.code === DEMO_COUNTRY && chance(25) ? local : e164;
      phones[i] = e164;
      if (chance(5)) contact.additionalPhones = [newPhone(country)[0]];
    }
    if (!contact.phone || chance(40)) contact.email = newEmail(first, last, contact.company);
    if (chance(60)) {
      const tags = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(TAGS)));
      contact.tags = [...tags];
    }
    if (chance(70)) contact.lifecycle = pick(LIFECYCLES);
    if (chance(15)) contact.notes = pick(NOTES);
    contacts.push(contact);
  }

  /** A thread with a contact (`first`: their first name) or with a number nobody has yet. */
  const thread = (first: string | null, phone: string): DemoConversation => {
    const opening = first === null ? fill(pick(TO_STRANGERS), '') : fill(pick(OUTBOUND), first);
    const messages: DemoMessage[] = [{ direction: 'outbound', text: opening }];
    if (chance(75)) messages.push({ direction: 'inbound', text: pick(INBOUND) });
    if (messages.length > 1 && chance(50)) {
      const reply = fill(pick(FOLLOW_UP), first ?? '').replace(' !', '!');
      messages.push({ direction: 'outbound', text: reply });
      if (chance(40)) messages.push({ direction: 'inbound', text: pick(INBOUND) });
    }
    return { phone, messages };
  };

  // About 40% of the contacts with a number have a thread.
  const conversations: DemoConversation[] = [];
  contacts.forEach((contact, index) => {
    const phone = phones[index];
    if (phone && chance(40)) conversations.push(thread(contact.firstName, phone));
  });
  // Numbers nobody has yet: messaging creates their contacts; some are named afterwards.
  const named: DemoPlan['named'] = [];
  const strangers = Math.max(1, Math.round(count / 30));
  for (let i = 0; i < strangers; i++) {
    const country = COUNTRIES[0];
    const [phone] = newPhone(country);
    conversations.push(thread(null, phone));
    if (i % 2 === 0) {
      named.push({
        phone,
        changes: { firstName: pick(country.first), lastName: pick(country.last) },
      });
    }
  }

  // Contacts that are reserved for merges and deletes, then updates among the others.
  const order = contacts.map((_, index) => index).filter((index) => contacts[index].phone);
  const merges: [number, number][] = [];
  const deletes: number[] = [];
  const used = new Set<number>();
  const free = (): number => {
    if (used.size >= order.length) throw new Error('Too few contacts for the demo plan');
    for (;;) {
      const index = pick(order);
      if (!used.has(index)) {
        used.add(index);
        return index;
      }
    }
  };
  const mergeCount = Math.max(1, Math.round(count / 150));
  for (let i = 0; i < mergeCount; i++) {
    // The same person written twice: once with the phone, once with an email only.
    const target = free();
    const duplicate: DemoContact = {
      firstName: contacts[target].firstName,
      lastName: contacts[target].lastName,
      email: newEmail(contacts[target].firstName, contacts[target].lastName),
      notes: 'Signed up on the website.',
    };
    merges.push([target, contacts.push(duplicate) - 1]);
  }
  for (let i = 0; i < Math.max(1, Math.round(count / 100)); i++) deletes.push(free());
  const updates: DemoUpdate[] = [];
  for (let i = 0; i < Math.round(count / 7); i++) {
    const index = free();
    const changes: Partial<DemoContact> =
      i % 3 === 0
        ? { lifecycle: 'Customer', tags: [...new Set([...(contacts[index].tags ?? []), 'vip'])] }
        : i % 3 === 1
          ? { notes: pick(NOTES) }
          : { jobTitle: pick(JOB_TITLES) };
    updates.push({ contact: index, changes });
  }
  return { contacts, conversations, named, updates, merges, deletes };
}
