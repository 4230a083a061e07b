import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ASYNC_COMMIT } from '../database/async-commit';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';

/** Why the service disables an endpoint on its own. */
export const DISABLED_GONE = 'the endpoint answered 410 Gone';
export const disabledFailing = (days: number): string => `every attempt failed for ${days} days`;

/** Every statement on `webhook_endpoints`; every one takes the workspace, but the dispatcher's. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(
    @InjectRepository(WebhookEndpointEntity)
    private readonly endpoints: Repository<WebhookEndpointEntity>,
  ) {}

  list(workspaceId: string): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.find({ where: { workspaceId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  count(workspaceId: string): Promise<number> {
    return this.endpoints.countBy({ workspaceId });
  }

  find(workspaceId: string, id: string): Promise<WebhookEndpointEntity | null> {
    return this.endpoints.findOneBy({ workspaceId, id });
  }

  async insert(endpoint: WebhookEndpointEntity): Promise<void> {
    await this.endpoints.insert(endpoint);
  }

  async save(endpoint: WebhookEndpointEntity): Promise<void> {
    await this.endpoints.save(endpoint);
  }

  /** Deletes the endpoint and (cascade) its deliveries and their attempts. */
  async delete(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.endpoints.delete({ workspaceId, id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Takes attempts' results into the endpoints: a success clears `failing_since`; a failure sets
   * it if unset, and disables the endpoint once it has failed for `disableAfterDays`; a 410
   * disables it at once. A success after a failure in the same batch wins (the endpoint works).
   * Commits asynchronously (`ASYNC_COMMIT`): it ran after every batch of outcomes and waited for
   * a WAL flush each time; a PostgreSQL crash that loses it leaves the next attempt's result to
   * mark (or disable) the endpoint again.
   */
  async recordResults(
    results: { endpointId: string; ok: boolean; gone: boolean; at: Date }[],
    disableAfterDays: number,
  ): Promise<void> {
    if (results.length === 0) return;
    const byEndpoint = new Map<string, { ok: boolean; gone: boolean; at: Date }>();
    for (const r of results) {
      const seen = byEndpoint.get(r.endpointId);
      byEndpoint.set(r.endpointId, {
        ok: (seen?.ok ?? false) || r.ok,
        gone: (seen?.gone ?? false) || r.gone,
        at: seen && seen.at > r.at ? seen.at : r.at,
      });
    }
    const rows = [...byEndpoint.entries()];
    await this.endpoints.query(
      `UPDATE webhook_endpoints e
          SET failing_since = CASE WHEN r.ok THEN NULL ELSE coalesce(e.failing_since, r.at) END,
              enabled = CASE WHEN r.gone OR (NOT r.ok AND coalesce(e.failing_since, r.at) <= r.at - make_interval(days => $5::int)) THEN false ELSE e.enabled END,
              disabled_reason = CASE WHEN r.gone THEN $6
                                     WHEN NOT r.ok AND coalesce(e.failing_since, r.at) <= r.at - make_interval(days => $5::int) THEN $7
                                     ELSE e.disabled_reason END
         FROM unnest($1::varchar[], $2::boolean[], $3::boolean[], $4::timestamptz[]) AS r(id, ok, gone, at), ${ASYNC_COMMIT}
        WHERE e.id = r.id AND (r.ok IS DISTINCT FROM (e.failing_since IS NULL) OR NOT r.ok)`,
      [
        rows.map(([id]) => id),
        rows.map(([, r]) => r.ok),
        rows.map(([, r]) => r.gone),
        rows.map(([, r]) => r.at),
        disableAfterDays,
        DISABLED_GONE,
        disabledFailing(disableAfterDays),
      ],
    );
  }

  /** Endpoints disabled by the service or failing now, every workspace (for the CLI). */
  failing(): Promise<WebhookEndpointEntity[]> {
    return this.endpoints
      .createQueryBuilder('e')
      .where('e.failing_since IS NOT NULL OR e.disabled_reason IS NOT NULL')
      .orderBy('e.failing_since', 'ASC', 'NULLS LAST')
      .getMany();
  }
}
