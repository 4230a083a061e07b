import { Injectable } from '@nestjs/common';

/**
 * Where the instance is in its life, for the parts that must behave differently while it shuts
 * down:
 * - `draining`: `/health/ready` fails (the load balancer stops sending new requests) and every
 *   response asks the client to close its connection (none is reused across the stop);
 * - `closing` (after the drain): a connection opened from now on is no longer served: its request
 *   gets 503 with `Retry-After` (a real answer that a balancer retries elsewhere, never a reset).
 */
@Injectable()
export class ServiceLifecycle {
  private state: 'serving' | 'draining' | 'closing' = 'serving';

  get draining(): boolean {
    return this.state !== 'serving';
  }

  get closing(): boolean {
    return this.state === 'closing';
  }

  startDraining(): void {
    if (this.state === 'serving') this.state = 'draining';
  }

  startClosing(): void {
    this.state = 'closing';
  }
}
