import { ContactEntity } from '../entities/contact.entity';
import { toContactResponse } from './contact.response';

const RESPONSE_FIELDS = [
  'additionalEmails',
  'additionalPhones',
  'company',
  'createdAt',
  'email',
  'firstName',
  'fullName',
  'id',
  'jobTitle',
  'lastName',
  'lifecycle',
  'notes',
  'phone',
  'source',
  'tags',
  'updatedAt',
  'website',
];

function entity(overrides: Partial<ContactEntity> = {}): ContactEntity {
  return Object.assign(new ContactEntity(), {
    id: '6634e2b1a7c3f500231a8b01',
    workspaceId: '6634e2b1a7c3f500231a8b99',
    firstName: 'Jane',
    lastName: null,
    phone: null,
    email: 'jane@example.com',
    company: null,
    jobTitle: null,
    website: null,
    notes: null,
    source: 'api',
    tags: [],
    additionalPhones: [],
    additionalEmails: [],
    lifecycle: null,
    createdAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 0)),
    updatedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 7)),
    ...overrides,
  });
}

describe('toContactResponse', () => {
  it('returns every field of a fully set contact', () => {
    const response = toContactResponse(
      entity({
        lastName: 'Doe',
        phone: '+254712345678',
        company: 'Acme',
        jobTitle: 'CTO',
        website: 'https://acme.example',
        notes: 'Met at the fair',
        source: 'message',
        tags: ['vip', 'lead'],
        additionalPhones: ['+254733000111'],
        additionalEmails: ['jane@work.example'],
        lifecycle: 'Customer',
      }),
    );
    expect(response).toEqual({
      id: '6634e2b1a7c3f500231a8b01',
      firstName: 'Jane',
      lastName: 'Doe',
      fullName: 'Jane Doe',
      phone: '+254712345678',
      email: 'jane@example.com',
      additionalPhones: ['+254733000111'],
      additionalEmails: ['jane@work.example'],
      company: 'Acme',
      jobTitle: 'CTO',
      website: 'https://acme.example',
      notes: 'Met at the fair',
      source: 'message',
      tags: ['vip', 'lead'],
      lifecycle: 'Customer',
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-02T03:04:05.007Z',
    });
  });

  it('keeps every field present, null when unset, and tags as []', () => {
    const response = toContactResponse(entity());
    expect(Object.keys(response).sort()).toEqual(RESPONSE_FIELDS);
    for (const field of [
      'lastName',
      'phone',
      'company',
      'jobTitle',
      'website',
      'notes',
      'lifecycle',
    ] as const) {
      expect(response[field]).toBeNull();
    }
    expect(response.tags).toEqual([]);
  });

  it('writes dates as ISO-8601 UTC with milliseconds', () => {
    const response = toContactResponse(entity());
    expect(response.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(response.createdAt).toBe('2026-01-02T03:04:05.000Z');
    expect(response.updatedAt).toBe('2026-01-02T03:04:05.007Z');
  });

  it.each([
    ['Jane', null, 'Jane'],
    ['Jane', 'Doe', 'Jane Doe'],
    ['Jane', '', 'Jane'],
    ['Wanjiku', 'Kamau Njeri', 'Wanjiku Kamau Njeri'],
  ])('derives fullName from %j and %j as %j', (firstName, lastName, fullName) => {
    expect(toContactResponse(entity({ firstName, lastName })).fullName).toBe(fullName);
  });

  it('never leaks workspaceId or other internal properties', () => {
    const row = entity();
    Object.assign(row, { phoneDigits: '254712345678', workspace: { id: row.workspaceId } });
    const response = toContactResponse(row);
    expect(Object.keys(response).sort()).toEqual(RESPONSE_FIELDS);
    expect(JSON.stringify(response)).not.toContain(row.workspaceId);
  });
});
