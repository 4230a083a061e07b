import { Injectable } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';

/** How long a probe waits for the database. */
const PING_TIMEOUT_MS = 1000;

/** Whether the database answers within a second: the readiness of the API and of the worker. */
@Injectable()
export class DatabasePing {
  constructor(private readonly db: TypeOrmHealthIndicator) {}

  async up(): Promise<boolean> {
    try {
      const result = await this.db.pingCheck('database', { timeout: PING_TIMEOUT_MS });
      return result.database?.status === 'up';
    } catch {
      return false;
    }
  }
}
