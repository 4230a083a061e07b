/**
 * Runs `work` on demand, one run at a time: a kick during a run makes it run once more after
 * it (the work it asks for may have come too late for the run in progress). For dispatchers
 * kicked after each write and by a poll.
 *
 * With `gatherMs`, a run starts that long after the kick that asked for it, and the kicks that
 * come meanwhile join it: under a stream of writes, one run takes the work of many instead of
 * one run each (a dispatcher's claim, its consumers' statements and its acknowledgement are
 * paid per run, not per write), for at most `gatherMs` more latency.
 */
export class CoalescedRun {
  private running: Promise<void> | null = null;
  /** The run asked for has not started yet: a kick now is served by it. */
  private waiting = false;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly gatherMs = 0,
  ) {}

  kick(): void {
    if (this.running) {
      if (!this.waiting) this.again = true;
      return;
    }
    this.running = this.start()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async start(): Promise<void> {
    if (this.gatherMs > 0) {
      this.waiting = true;
      await new Promise((resolve) => setTimeout(resolve, this.gatherMs));
      this.waiting = false;
    }
    await this.work();
  }

  /** The run in progress or asked for, if any (to wait for it on shutdown). */
  get current(): Promise<void> | null {
    return this.running;
  }
}
