/**
 * Runs `work` on demand, one run at a time: a kick during a run makes it run once more after
 * it (the work it asks for may have come too late for the run in progress). For dispatchers
 * kicked after each write and by a poll.
 */
export class CoalescedRun {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** The run in progress, if any (to wait for it on shutdown). */
  get current(): Promise<void> | null {
    return this.running;
  }
}
