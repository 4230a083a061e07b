import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import { ContactsRepository } from '../contacts.repository';
import { ContactEntity } from '../entities/contact.entity';
import {
  chooseSearchShape,
  ContactSearchPlanner,
  orderedScanBound,
  REMEMBERED_TOTAL_MIN,
  searchScopedInIndex,
} from './contact-search.planner';

const WS = '6634e2b1a7c3f500231a8b99';

describe('chooseSearchShape (the decision rule)', () => {
  const base = { offset: 0, limit: 25, contacts: 1_000_000, scoped: true };

  it('counts when no total is remembered, scoped as the workspace is', () => {
    expect(chooseSearchShape(base)).toEqual({ kind: 'counted', scoped: true });
    expect(chooseSearchShape({ ...base, scoped: false })).toEqual({
      kind: 'counted',
      scoped: false,
    });
  });

  it('reads only the change counter for a page past a remembered total', () => {
    expect(chooseSearchShape({ ...base, offset: 5000, knownTotal: 5000 })).toEqual({
      kind: 'past-end',
    });
  });

  it('reads in listing order while that is cheaper than counting again: (offset + limit) × contacts < total²', () => {
    // A common name: 100,000 matches in a million; page 2 ends at row 50: 50 × 10⁶ < 10¹⁰.
    expect(chooseSearchShape({ ...base, offset: 25, knownTotal: 100_000 })).toEqual({
      kind: 'ordered',
      scan: orderedScanBound(50, 1_000_000, 100_000),
    });
    // A rare one: 2,000 matches; reading in order would go through 25,000 rows for page 2.
    expect(chooseSearchShape({ ...base, offset: 25, knownTotal: 2000 })).toEqual({
      kind: 'counted',
      scoped: true,
    });
    // The boundary itself counts (not strictly cheaper).
    expect(
      chooseSearchShape({
        offset: 75,
        limit: 25,
        contacts: 10_000,
        scoped: false,
        knownTotal: 1000,
      }),
    ).toEqual({ kind: 'counted', scoped: false });
  });

  it('bounds a listing-order read by four times its expected rows, at least the total, plus 1,000', () => {
    expect(orderedScanBound(50, 1_000_000, 100_000)).toBe(100_000 + 1000); // max(2,000, 100,000) + 1,000
    expect(orderedScanBound(50, 1_000_000, 1000)).toBe(200_000 + 1000);
    expect(orderedScanBound(50, 10, 0)).toBe(2000 + 1000);
  });

  it('never reads in an order that could not hold the page (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        (offset, limit, contacts, knownTotal) => {
          const shape = chooseSearchShape({ offset, limit, contacts, scoped: true, knownTotal });
          if (shape.kind === 'ordered') {
            // The bound is never below the total nor below what the page needs at an even spread.
            expect(shape.scan).toBeGreaterThanOrEqual(knownTotal);
            expect(shape.scan).toBeGreaterThanOrEqual(
              Math.ceil(((offset + limit) * contacts) / knownTotal),
            );
          }
          expect(shape.kind === 'past-end').toBe(offset >= knownTotal);
        },
      ),
      { seed: 20261130 },
    );
  });

  it('filters inside the index only for a workspace under half the table', () => {
    expect(searchScopedInIndex(1000, 1_500_000)).toBe(true);
    expect(searchScopedInIndex(1_000_000, 1_500_000)).toBe(false);
    expect(searchScopedInIndex(10, 0)).toBe(false); // statistics not gathered yet: the workspace is the table
  });
});

describe('ContactSearchPlanner', () => {
  let planner: ContactSearchPlanner;
  let repository: Record<
    'workspaceSize' | 'countedSearch' | 'orderedSearch' | 'changes',
    jest.Mock
  >;
  const page = (n: number) => Array.from({ length: n }, () => new ContactEntity());

  beforeEach(async () => {
    repository = {
      workspaceSize: jest.fn().mockResolvedValue({ contacts: 1_000_000, tableRows: 1_500_000 }),
      countedSearch: jest.fn().mockResolvedValue({ items: page(25), total: 100_000, changes: '7' }),
      orderedSearch: jest.fn().mockResolvedValue({ items: page(25), changes: '7' }),
      changes: jest.fn().mockResolvedValue('7'),
    };
    const moduleRef = await Test.createTestingModule({
      providers: [ContactSearchPlanner, { provide: ContactsRepository, useValue: repository }],
    }).compile();
    planner = moduleRef.get(ContactSearchPlanner);
  });

  it('counts the first page, then reads the next in listing order against the remembered total', async () => {
    await expect(planner.page(WS, 'jane', 0, 25)).resolves.toMatchObject({ total: 100_000 });
    expect(repository.countedSearch).toHaveBeenCalledWith(WS, 'jane', 0, 25, false);
    await expect(planner.page(WS, 'jane', 25, 25)).resolves.toMatchObject({ total: 100_000 });
    expect(repository.orderedSearch).toHaveBeenCalledWith(
      WS,
      'jane',
      25,
      25,
      orderedScanBound(50, 1_000_000, 100_000),
    );
    expect(repository.countedSearch).toHaveBeenCalledTimes(1);
  });

  it('counts again when the workspace changed since the total was counted', async () => {
    await planner.page(WS, 'jane', 0, 25);
    repository.orderedSearch.mockResolvedValue({ items: page(25), changes: '8' });
    repository.countedSearch.mockResolvedValue({ items: page(25), total: 99_999, changes: '8' });
    await expect(planner.page(WS, 'jane', 25, 25)).resolves.toMatchObject({ total: 99_999 });
    expect(repository.countedSearch).toHaveBeenCalledTimes(2);
  });

  it('counts again when the listing-order read ran out before the page was full', async () => {
    await planner.page(WS, 'jane', 0, 25);
    repository.orderedSearch.mockResolvedValue({ items: page(3), changes: '7' });
    await planner.page(WS, 'jane', 25, 25);
    expect(repository.countedSearch).toHaveBeenCalledTimes(2);
  });

  it('answers a page past a remembered end from the change counter alone', async () => {
    await planner.page(WS, 'jane', 0, 25);
    await expect(planner.page(WS, 'jane', 200_000, 25)).resolves.toEqual({
      items: [],
      total: 100_000,
    });
    expect(repository.changes).toHaveBeenCalledWith(WS);
    expect(repository.countedSearch).toHaveBeenCalledTimes(1);
  });

  it(`does not remember totals under ${REMEMBERED_TOTAL_MIN} (counting them again is cheap)`, async () => {
    repository.countedSearch.mockResolvedValue({
      items: page(25),
      total: REMEMBERED_TOTAL_MIN - 1,
      changes: '7',
    });
    await planner.page(WS, 'rare', 0, 25);
    await planner.page(WS, 'rare', 25, 25);
    expect(repository.countedSearch).toHaveBeenCalledTimes(2);
    expect(repository.orderedSearch).not.toHaveBeenCalled();
  });

  it('keeps totals per workspace and per search', async () => {
    await planner.page(WS, 'jane', 0, 25);
    await planner.page('6634e2b1a7c3f500231a8b98', 'jane', 25, 25);
    await planner.page(WS, 'john', 25, 25);
    expect(repository.countedSearch).toHaveBeenCalledTimes(3);
  });

  /** A count that answers when the test says so. */
  const deferredCount = () => {
    let settle!: { resolve: (value: unknown) => void; reject: (error: Error) => void };
    const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
    return { promise, ...settle };
  };

  it('counts a search once while it is being counted: requests arriving meanwhile wait for its total and read in listing order', async () => {
    const count = deferredCount();
    repository.countedSearch.mockReturnValueOnce(count.promise);
    const pages = [0, 0, 25, 50].map((offset) => planner.page(WS, 'maria', offset, 25));
    await new Promise((resolve) => setImmediate(resolve));
    expect(repository.countedSearch).toHaveBeenCalledTimes(1);
    count.resolve({ items: page(25), total: 100_000, changes: '7' });
    const answers = await Promise.all(pages);
    expect(answers.map((a) => a.total)).toEqual([100_000, 100_000, 100_000, 100_000]);
    expect(repository.countedSearch).toHaveBeenCalledTimes(1);
    expect(repository.orderedSearch.mock.calls.map((call) => call[2])).toEqual([0, 25, 50]);
  });

  it('counts a total that a write made stale once: requests finding it stale together wait for one count', async () => {
    await planner.page(WS, 'maria', 0, 25); // counted at changes '7'
    repository.orderedSearch.mockResolvedValue({ items: page(25), changes: '8' });
    const count = deferredCount();
    repository.countedSearch.mockReturnValueOnce(count.promise);
    const pages = [0, 25, 50].map((offset) => planner.page(WS, 'maria', offset, 25));
    await new Promise((resolve) => setImmediate(resolve));
    expect(repository.countedSearch).toHaveBeenCalledTimes(2);
    count.resolve({ items: page(25), total: 99_999, changes: '8' });
    const answers = await Promise.all(pages);
    expect(answers.map((a) => a.total)).toEqual([99_999, 99_999, 99_999]);
    expect(repository.countedSearch).toHaveBeenCalledTimes(2);
  });

  it('a count that fails holds nobody back: its request fails, the others count for themselves', async () => {
    const count = deferredCount();
    repository.countedSearch.mockReturnValueOnce(count.promise);
    const pages = [0, 25].map((offset) => planner.page(WS, 'maria', offset, 25));
    await new Promise((resolve) => setImmediate(resolve));
    count.reject(new Error('statement timeout'));
    const [failed, answered] = await Promise.allSettled(pages);
    expect(failed).toMatchObject({ status: 'rejected', reason: new Error('statement timeout') });
    expect(answered).toMatchObject({ status: 'fulfilled', value: { total: 100_000 } });
    expect(repository.countedSearch).toHaveBeenCalledTimes(2);
  });

  it('reads a workspace’s size once a minute, not per search', async () => {
    await planner.page(WS, 'a', 0, 25);
    await planner.page(WS, 'b', 0, 25);
    expect(repository.workspaceSize).toHaveBeenCalledTimes(1);
  });
});
