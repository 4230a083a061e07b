import { undeclaredTables } from './personal-data.registry';

describe('undeclaredTables (a new table cannot forget erasure)', () => {
  const policies = [
    { name: 'ContactsPersonalData', tables: ['contacts', 'contact_history'] },
    { name: 'OutboxPersonalData', tables: ['outbox_events'] },
  ];

  it('is satisfied when every table is declared by exactly one module', () => {
    expect(undeclaredTables(['contacts', 'contact_history', 'outbox_events'], policies)).toEqual(
      [],
    );
  });

  it('names a table that no module declares', () => {
    expect(
      undeclaredTables(
        ['contacts', 'contact_history', 'outbox_events', 'webhook_deliveries'],
        policies,
      ),
    ).toEqual(['table webhook_deliveries is declared by no PersonalDataPolicy']);
  });

  it('names a table that two modules declare', () => {
    expect(
      undeclaredTables(
        ['contacts'],
        [...policies, { name: 'OtherPersonalData', tables: ['contacts'] }],
      ),
    ).toEqual(['table contacts is declared by ContactsPersonalData and OtherPersonalData']);
  });
});
