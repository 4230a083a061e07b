import { CoalescedRun } from './coalesced-run';

/** A run whose work waits until `finish` is called, counting its starts. */
function controlled(gatherMs = 0) {
  let starts = 0;
  let finish: () => void = () => undefined;
  const run = new CoalescedRun(
    () => {
      starts++;
      return new Promise<void>((resolve) => (finish = resolve));
    },
    (error) => {
      throw error;
    },
    gatherMs,
  );
  return { run, starts: () => starts, finish: () => finish() };
}

describe('CoalescedRun', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('without a gathering time, starts at the kick, and a kick during a run makes one more run', async () => {
    const { run, starts, finish } = controlled();
    run.kick();
    expect(starts()).toBe(1);
    run.kick();
    run.kick();
    finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(starts()).toBe(2);
    finish();
    await run.current;
    expect(starts()).toBe(2);
    expect(run.current).toBeNull();
  });

  it('with a gathering time, starts that long after the kick, and the kicks meanwhile join the run', async () => {
    const { run, starts, finish } = controlled(20);
    run.kick();
    await jest.advanceTimersByTimeAsync(19);
    run.kick();
    run.kick();
    expect(starts()).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(starts()).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    // The kicks came before the run started: it served them, no run follows.
    expect(starts()).toBe(1);
    expect(run.current).toBeNull();
  });

  it('with a gathering time, a kick during the run asks for one more, gathered again', async () => {
    const { run, starts, finish } = controlled(20);
    run.kick();
    await jest.advanceTimersByTimeAsync(20);
    expect(starts()).toBe(1);
    run.kick();
    finish();
    await jest.advanceTimersByTimeAsync(19);
    expect(starts()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(starts()).toBe(2);
    finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(run.current).toBeNull();
  });

  it('reports a failed run and runs again at the next kick', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const run = new CoalescedRun(
      () => (++calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve()),
      (error) => errors.push(error),
    );
    run.kick();
    await run.current;
    run.kick();
    await run.current;
    expect(errors).toEqual([new Error('boom')]);
    expect(calls).toBe(2);
  });
});
