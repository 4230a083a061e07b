/**
 * The dashboard's list page, cold, in a real browser (SPEC §13): how long until the first page of
 * contacts is on screen, in Debian's Chromium, against the built service on DATABASE_URL (the
 * benchmark's million-contact workspace by default). Each load is in a new browser context: no
 * cache, no open connection.
 *
 *   npm run build && DATABASE_URL=postgresql://… node dist/bench/dashboard.js [--workspace bench] [--loads 10]
 */
import { execFileSync, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    workspace: { type: 'string', default: 'bench' },
    loads: { type: 'string', default: '10' },
    port: { type: 'string', default: '3918' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const base = `http://127.0.0.1:${values.port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: values.port,
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    OUTBOX_DISPATCH: 'false',
    RETENTION_JOBS: 'false',
  };
  const service = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: 'inherit' });
  try {
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(200);
    }
    const browser = await chromium.launch({
      executablePath: values.chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const timings: { ttfb: number; firstPage: number; load: number }[] = [];
    let caption = '';
    for (let i = 0; i < Number(values.loads); i++) {
      // A new sign-in each time: a new context is a new, empty browser profile.
      const link = execFileSync(
        process.execPath,
        ['dist/src/cli/main.js', 'dashboard:link', '--workspace', values.workspace],
        { env },
      )
        .toString()
        .trim()
        .split('\n')
        .pop() as string;
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/contacts$/);
      // Now cold: a fresh page, the list requested from nothing.
      const cold = await context.newPage();
      const started = Date.now();
      await cold.goto(`${base}/${values.workspace}/contacts`, { waitUntil: 'load' });
      await cold.locator('tbody tr').first().waitFor();
      const firstPage = Date.now() - started;
      const nav = await cold.evaluate(() => {
        const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return { ttfb: entry.responseStart, load: entry.loadEventEnd };
      });
      caption = (await cold.locator('caption').textContent()) ?? '';
      timings.push({ ttfb: Math.round(nav.ttfb), firstPage, load: Math.round(nav.load) });
      await context.close();
    }
    await browser.close();
    const sorted = (key: 'ttfb' | 'firstPage' | 'load') =>
      timings.map((t) => t[key]).sort((a, b) => a - b);
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
    console.log(`Dashboard list page, cold, ${timings.length} loads (${caption})`);
    for (const key of ['ttfb', 'firstPage', 'load'] as const) {
      const xs = sorted(key);
      console.log(`  ${key.padEnd(9)} median ${median(xs)} ms, max ${xs[xs.length - 1]} ms`);
    }
    console.log(
      `  target: first page under 1000 ms: ${sorted('firstPage')[timings.length - 1] < 1000 ? 'met' : 'not met'} (every load)`,
    );
  } finally {
    service.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
