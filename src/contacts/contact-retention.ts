import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { systemWrite } from '../common/context/write-context';
import { AppConfig } from '../config/app-config';
import { ContactHistoryRepository } from './contact-history.repository';
import { ContactLifecycle } from './contact-lifecycle';
import { ContactsRepository } from './contacts.repository';

/** How often an instance runs the retention jobs. */
const EVERY_MS = 10 * 60_000;
/** Contacts erased per transaction, and history entries deleted per statement. */
const ERASE_BATCH = 100;
const HISTORY_BATCH = 5000;
/** Changes of the feed looked at per compaction statement (a range of the sequence). */
const CHANGES_RANGE = 10_000;
const DAY_MS = 86_400_000;

/**
 * The retention jobs (SPEC §9): a contact deleted more than CONTACT_RETENTION_DAYS ago is erased
 * for good (as an erasure request would, by the `retention` system actor); history entries older
 * than HISTORY_RETENTION_DAYS are deleted. Every instance may run them: batches skip the rows
 * another instance holds.
 */
@Injectable()
export class ContactRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ContactRetention.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly history: ContactHistoryRepository,
    private readonly lifecycle: ContactLifecycle,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RETENTION_JOBS) return;
    this.timer = setInterval(() => {
      this.running ??= this.run()
        .catch((error: unknown) => this.logger.warn(`Retention jobs failed: ${String(error)}`))
        .finally(() => (this.running = null));
    }, EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs the jobs to the end of what is due; returns what each did. */
  async run(
    now = new Date(),
  ): Promise<{ erased: number; historyDeleted: number; changesCompacted: number }> {
    const erased = await this.eraseExpiredDeletions(
      new Date(now.getTime() - this.config.CONTACT_RETENTION_DAYS * DAY_MS),
    );
    let historyDeleted = 0;
    const before = new Date(now.getTime() - this.config.HISTORY_RETENTION_DAYS * DAY_MS);
    for (let count = HISTORY_BATCH; count === HISTORY_BATCH; historyDeleted += count) {
      count = await this.history.purgeBefore(before, HISTORY_BATCH);
    }
    const changesCompacted = await this.compactChanges(
      new Date(now.getTime() - this.config.CHANGE_FEED_RETENTION_DAYS * DAY_MS),
    );
    if (erased + historyDeleted + changesCompacted > 0) {
      this.logger.log(
        `Retention: erased ${erased} deleted contacts, deleted ${historyDeleted} history entries, compacted ${changesCompacted} feed changes`,
      );
    }
    return { erased, historyDeleted, changesCompacted };
  }

  /**
   * The change feed's compaction: a change older than `before` goes when a later change of the
   * same contact supersedes it (a follower still ends with the contact as it is). By ranges of
   * the sequence, oldest first, until a range holds nothing that old.
   */
  private async compactChanges(before: Date): Promise<number> {
    const range = await this.contacts.changesRange();
    if (!range) return 0;
    let compacted = 0;
    for (
      let from = BigInt(range.first) - 1n;
      from < BigInt(range.last);
      from += BigInt(CHANGES_RANGE)
    ) {
      const to = from + BigInt(CHANGES_RANGE);
      compacted += await this.contacts.compactChanges(before, from.toString(), to.toString());
      if (!(await this.contacts.changesOlderThan(before, to.toString()))) break;
    }
    return compacted;
  }

  private async eraseExpiredDeletions(before: Date): Promise<number> {
    let erased = 0;
    for (;;) {
      // The batch is only picked here (locked rows of another instance are skipped); each contact
      // is then erased in a transaction of its own, which locks it again.
      const due = await this.dataSource.transaction((manager) =>
        this.contacts.deletedBefore(manager, before, ERASE_BATCH),
      );
      for (const { workspaceId, id } of due) {
        await this.lifecycle.erase(workspaceId, id, systemWrite('retention'));
        erased++;
      }
      if (due.length < ERASE_BATCH) return erased;
    }
  }
}
