import { getMetadataArgsStorage } from 'typeorm';
import { CONTACT_COLUMN_NAMES, CONTACT_COLUMNS, rowsToContacts } from './contacts.sql';
import { ContactEntity } from './entities/contact.entity';

describe('contact rows (contacts.sql)', () => {
  it('selects every column of ContactEntity under its property name (none forgotten, none invented)', () => {
    const declared = Object.fromEntries(
      getMetadataArgsStorage()
        .filterColumns(ContactEntity)
        .map((column) => [column.propertyName, column.options.name ?? column.propertyName]),
    );
    expect(CONTACT_COLUMN_NAMES).toEqual(declared);
    for (const [property, column] of Object.entries(declared)) {
      expect(CONTACT_COLUMNS).toContain(`c.${column} AS "${property}"`);
    }
  });

  it('maps rows onto entities and drops the totals-only row of a page past the end', () => {
    const createdAt = new Date('2026-01-01T00:00:00.000Z');
    const [contact, ...rest] = rowsToContacts([
      {
        __total: '1',
        id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        firstName: 'Jane',
        tags: ['vip'],
        createdAt,
        extra: 'ignored',
      },
      { __total: '1', id: null },
    ]);
    expect(rest).toEqual([]);
    expect(contact).toBeInstanceOf(ContactEntity);
    expect(contact).toMatchObject({
      id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      firstName: 'Jane',
      tags: ['vip'],
      createdAt,
    });
    expect(contact).not.toHaveProperty('__total');
    expect(contact).not.toHaveProperty('extra');
  });
});
