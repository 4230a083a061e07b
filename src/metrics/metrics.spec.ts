import type { HttpAdapterHost } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { StoreOutageLog } from '../auth/rate-limit/store-outage-log';
import type { AppConfig } from '../config/app-config';
import type { DatabasePing } from '../health/database-ping';
import { Metrics } from './metrics';

/** The probes the metrics listener serves for the worker, with the database answering or not. */
describe('Metrics listener probes', () => {
  let metrics: Metrics | undefined;
  let pings = 0;
  const start = async (databaseUp: boolean, enabled = true): Promise<Metrics> => {
    metrics = new Metrics(
      { httpAdapter: undefined } as unknown as HttpAdapterHost,
      { driver: {} } as unknown as DataSource,
      new StoreOutageLog(),
      { METRICS_ENABLED: enabled, METRICS_PORT: 0, HOST: '127.0.0.1' } as AppConfig,
      { up: () => Promise.resolve((pings++, databaseUp)) } as DatabasePing,
    );
    await metrics.listen();
    return metrics;
  };
  const get = async (m: Metrics, path: string) => {
    const response = await fetch(`http://127.0.0.1:${m.port}${path}`);
    return { status: response.status, body: (await response.json()) as unknown };
  };
  beforeEach(() => (pings = 0));
  afterEach(async () => {
    await metrics?.beforeApplicationShutdown();
    metrics = undefined;
  });

  it('live while the process runs; ready while the database answers', async () => {
    const m = await start(true);
    expect(await get(m, '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(pings).toBe(0); // liveness does not ask the database
    expect(await get(m, '/health/ready')).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: { status: 'up' } } },
    });
    expect(pings).toBe(1);
  });

  it('not ready while the database does not answer (DatabasePing: within a second)', async () => {
    const m = await start(false);
    expect(await get(m, '/health/ready')).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: { status: 'down' } } },
    });
    expect(await get(m, '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 404 for anything else, and serves nothing when METRICS_ENABLED is false', async () => {
    const m = await start(true);
    expect((await fetch(`http://127.0.0.1:${m.port}/health`)).status).toBe(404);
    await m.beforeApplicationShutdown();
    expect((await start(true, false)).port).toBeUndefined();
  });
});
