import type { HttpAdapterHost } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { StoreOutageLog } from '../auth/rate-limit/store-outage-log';
import type { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

/** The probes the metrics listener serves for the worker, with the database answering or not. */
describe('Metrics listener probes', () => {
  let metrics: Metrics | undefined;
  const serve = async (query: () => Promise<unknown>): Promise<string> => {
    metrics = new Metrics(
      { httpAdapter: undefined } as unknown as HttpAdapterHost,
      { query, driver: {} } as unknown as DataSource,
      new StoreOutageLog(),
      { METRICS_ENABLED: true, METRICS_PORT: 0, HOST: '127.0.0.1' } as AppConfig,
    );
    await metrics.listen();
    return `http://127.0.0.1:${metrics.port}`;
  };
  const get = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as unknown };
  };
  afterEach(async () => {
    await metrics?.beforeApplicationShutdown();
    metrics = undefined;
  });

  it('live while the process runs; ready while the database answers', async () => {
    const base = await serve(() => Promise.resolve([{ '?column?': 1 }]));
    expect(await get(`${base}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(`${base}/health/ready`)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: { status: 'up' } } },
    });
  });

  it('not ready when the database fails, nor when it does not answer within a second', async () => {
    const failing = await serve(() => Promise.reject(new Error('connection refused')));
    const down = {
      status: 503,
      body: { status: 'unavailable', checks: { database: { status: 'down' } } },
    };
    expect(await get(`${failing}/health/ready`)).toEqual(down);
    await metrics?.beforeApplicationShutdown();

    const hanging = await serve(() => new Promise(() => undefined));
    const started = Date.now();
    expect(await get(`${hanging}/health/ready`)).toEqual(down);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // Liveness does not ask the database.
    expect(await get(`${hanging}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 404 for anything else, and serves nothing when METRICS_ENABLED is false', async () => {
    const base = await serve(() => Promise.resolve([]));
    expect((await fetch(`${base}/health`)).status).toBe(404);
    await metrics?.beforeApplicationShutdown();
    metrics = new Metrics(
      { httpAdapter: undefined } as unknown as HttpAdapterHost,
      { query: () => Promise.resolve([]), driver: {} } as unknown as DataSource,
      new StoreOutageLog(),
      { METRICS_ENABLED: false, METRICS_PORT: 0, HOST: '127.0.0.1' } as AppConfig,
    );
    await metrics.listen();
    expect(metrics.port).toBeUndefined();
  });
});
