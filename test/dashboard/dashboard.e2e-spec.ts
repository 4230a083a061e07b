import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createContact, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { GENEROUS_RATE_LIMITS } from '../contacts/support';
import { runCli } from '../utils/cli';
import { createTestApp } from '../utils/create-test-app';
import { describeIf } from '../utils/describe-if';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the tests leave their screenshots (not committed). */
export const SCREENSHOTS = resolve(__dirname, '../../test-results/dashboard');

/** No serious or critical accessibility violation (axe-core) on the page as it is now. */
async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

/** SPEC §13: the dashboard, driven in Debian's Chromium. */
describeIf(existsSync(CHROMIUM), `Chromium at ${CHROMIUM} (apt-get install chromium)`)(
  'dashboard in a browser',
  () => {
    let app: NestFastifyApplication;
    let base: string;
    let browser: Browser;
    let ws: TestWorkspace;
    let page: Page;
    const api = () => request(app.getHttpServer());

    /** The sign-in URL the CLI prints for the workspace, as an operator would get it. */
    const signInLink = async (slug: string): Promise<string> => {
      const printed = await runCli(['dashboard:link', '--workspace', slug], {
        ...process.env,
        PUBLIC_URL: base,
      });
      expect({ code: printed.code, stderr: printed.stderr }).toEqual({ code: 0, stderr: '' });
      const url = printed.stdout.trim().split('\n').pop() as string;
      expect(url).toMatch(new RegExp(`^${base}/${slug}/sign-in\\?token=[A-Za-z0-9_-]{43}$`));
      return url;
    };
    const signIn = async (): Promise<void> => {
      await page.goto(await signInLink(ws.workspace.slug));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${base}/${ws.workspace.slug}/contacts`);
    };

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      app = await createTestApp({ ...GENEROUS_RATE_LIMITS });
      await app.listen(0, '127.0.0.1');
      base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      browser = await chromium.launch({
        executablePath: CHROMIUM,
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
    }, 60_000);
    beforeEach(async () => {
      ws = await createWorkspace(app);
      page = await (await browser.newContext()).newPage();
    });
    afterEach(() => page.context().close());
    afterAll(async () => {
      await browser?.close();
      await app.close();
    });

    it('signs in with the CLI link (once), sets a safe cookie, and refuses other workspaces and signed-out browsers', async () => {
      const link = await signInLink(ws.workspace.slug);
      await page.goto(link);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${base}/${ws.workspace.slug}/contacts`);
      const [cookie] = await page.context().cookies();
      expect(cookie).toMatchObject({
        name: 'safravo_session',
        httpOnly: true,
        sameSite: 'Lax',
        path: `/${ws.workspace.slug}`,
      });
      expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(7 * 3_600_000);

      // The link works once.
      const other = await (await browser.newContext()).newPage();
      await other.goto(link);
      await other.getByRole('button', { name: 'Sign in' }).click();
      expect(other.url()).toBe(`${base}/${ws.workspace.slug}/sign-in`);
      expect(await other.getByRole('heading', { level: 1 }).textContent()).toBe(
        'This sign-in link does not work',
      );
      // Signed out: 401, with how to sign in.
      const signedOut = await other.goto(`${base}/${ws.workspace.slug}/contacts`);
      expect(signedOut?.status()).toBe(401);
      expect(await other.textContent('main')).toContain(
        `dashboard:link --workspace ${ws.workspace.slug}`,
      );
      await other.context().close();

      // Another workspace's slug, with this session: 404 (its cookie is not even sent there).
      const stranger = await createWorkspace(app);
      const elsewhere = await page.goto(`${base}/${stranger.workspace.slug}/contacts`);
      expect(elsewhere?.status()).toBe(401);
      const cookieHeader = `safravo_session=${cookie.value}`;
      const forged = await api()
        .get(`/${stranger.workspace.slug}/contacts`)
        .set('Cookie', cookieHeader);
      expect(forged.status).toBe(404);
      // A write without the session's CSRF token is refused.
      const csrf = await api()
        .post(`/${ws.workspace.slug}/contacts`)
        .set('Cookie', cookieHeader)
        .type('form')
        .send({ firstName: 'X', email: 'x@csrf.example' });
      expect(csrf.status).toBe(403);
      // The API is unchanged: the session cookie is no API key.
      expect((await api().get('/v1/contacts').set('Cookie', cookieHeader)).status).toBe(401);
    });

    it('marks the cookie Secure behind TLS (a trusted proxy), and a session expires', async () => {
      const behindTls = await createTestApp({
        ...GENEROUS_RATE_LIMITS,
        TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1',
      });
      try {
        const token = new URL(await signInLink(ws.workspace.slug)).searchParams.get(
          'token',
        ) as string;
        const signedIn = await request(behindTls.getHttpServer())
          .post(`/${ws.workspace.slug}/sign-in`)
          .set('X-Forwarded-Proto', 'https')
          .type('form')
          .send({ token })
          .expect(303);
        const cookie = String(signedIn.headers['set-cookie']);
        expect(cookie).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
        const session = cookie.split(';')[0];
        await request(behindTls.getHttpServer())
          .get(`/${ws.workspace.slug}/contacts`)
          .set('Cookie', session)
          .expect(200);
        // Past its end (DASHBOARD_SESSION_HOURS), the same cookie signs nobody in.
        await app
          .get(DataSource)
          .query(
            `UPDATE dashboard_sessions SET expires_at = now() - interval '1 second' WHERE workspace_id = $1`,
            [ws.workspace.id],
          );
        await request(behindTls.getHttpServer())
          .get(`/${ws.workspace.slug}/contacts`)
          .set('Cookie', session)
          .expect(401);
      } finally {
        await behindTls.close();
      }
    });

    it('lists contacts newest first with exact totals and pages, and searches as you type', async () => {
      for (let i = 0; i < 28; i++) {
        await createContact(app, ws.apiKey, {
          firstName: `Person${String(i).padStart(2, '0')}`,
          lastName: 'Listed',
        });
      }
      await createContact(app, ws.apiKey, { firstName: 'Zebediah', lastName: 'Rare' });
      await signIn();
      await expect(page.locator('caption').textContent()).resolves.toContain(
        '29 contacts, newest first. Page 1 of 2.',
      );
      expect(await page.locator('tbody tr').count()).toBe(25);
      expect(await page.locator('tbody tr').first().textContent()).toContain('Zebediah Rare');
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'contacts-list.png'), fullPage: true });

      await page.getByRole('link', { name: 'Next page' }).click();
      await expect(page.locator('caption').textContent()).resolves.toContain('Page 2 of 2');
      expect(await page.locator('tbody tr').count()).toBe(4);

      // Keyboard only: from the top of the page to the search box, then typing filters the list.
      await page.goto(`${base}/${ws.workspace.slug}/contacts`);
      for (
        let i = 0;
        i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'search';
        i++
      ) {
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
      await page.keyboard.type('zebed');
      await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 1);
      expect(await page.locator('#results tbody tr').textContent()).toContain('Zebediah Rare');
      await expect(page.locator('#search-status').textContent()).resolves.toBe(
        '1 contact matching “zebed”',
      );
      expect(page.url()).toContain('search=zebed');
    });

    it('creates a contact, shows a duplicate beside its field with a link to the existing contact, edits, deletes and restores', async () => {
      const existing = await createContact(app, ws.apiKey, {
        firstName: 'Existing',
        phone: uniquePhone(),
      });
      await signIn();
      await page.getByRole('link', { name: 'New contact' }).click();
      await page.getByLabel('First name').fill('Newcomer');
      await page.getByLabel('Phone', { exact: true }).fill(existing.phone as string);
      await page.getByLabel('Email', { exact: true }).fill('not-an-email');
      await page.getByRole('button', { name: 'Create contact' }).click();
      // Field errors first: the email is not valid.
      await expect(page.locator('#email-error').textContent()).resolves.toContain('email');
      expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );
      await expectAccessible(page);
      await page.getByLabel('Email', { exact: true }).fill('newcomer@dashboard.example');
      await page.getByRole('button', { name: 'Create contact' }).click();
      // Then the duplicate, with its link.
      await expect(page.locator('#phone-error').textContent()).resolves.toContain(
        'Another contact already has this phone',
      );
      expect(await page.locator('#phone-error a').getAttribute('href')).toBe(
        `/${ws.workspace.slug}/contacts/${existing.id}`,
      );
      await page.getByLabel('Phone', { exact: true }).fill(uniquePhone());
      await page.getByRole('button', { name: 'Create contact' }).click();
      await expect(page.getByRole('status').first().textContent()).resolves.toContain(
        'Contact created.',
      );
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Newcomer');

      await page.getByRole('link', { name: 'Edit' }).click();
      await page.getByLabel('Company').fill('Acme Dashboards');
      await page.getByLabel('Tags').fill('vip, lead');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByRole('status').first().textContent()).resolves.toContain(
        'Changes saved.',
      );
      const main = await page.textContent('main');
      expect(main).toContain('Acme Dashboards');
      expect(main).toMatch(/updated on .* by dashboard/);
      expect(main).toContain('company: (empty) → Acme Dashboards');

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete' }).click();
      await expect(page.textContent('main')).resolves.toContain('This contact was deleted');
      await page.getByRole('button', { name: 'Restore' }).click();
      await expect(page.getByRole('status').first().textContent()).resolves.toContain(
        'Contact restored.',
      );
    });

    it("shows a contact's fields, identities, history and conversations with their messages", async () => {
      const contact = await createContact(app, ws.apiKey, {
        firstName: 'Talkative',
        additionalEmails: ['talk@work.example'],
      });
      await api()
        .patch(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', ws.apiKey)
        .send({ jobTitle: 'Buyer' })
        .expect(200);
      await api()
        .post('/v1/messages')
        .set('X-API-Key', ws.apiKey)
        .send({ phone: contact.phone, text: 'Your order has shipped' })
        .expect(202);
      await signIn();
      await page.goto(`${base}/${ws.workspace.slug}/contacts/${contact.id}`);
      const main = await page.textContent('main');
      for (const text of [
        'talk@work.example',
        'Buyer',
        contact.phone as string,
        'jobTitle: (empty) → Buyer',
        'created on',
      ]) {
        expect(main).toContain(text);
      }
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'contact-page.png'), fullPage: true });
      await page
        .getByRole('link', { name: new RegExp(`whatsapp with \\${contact.phone as string}`) })
        .click();
      await expect(
        page.getByRole('list', { name: 'Messages, oldest first' }).textContent(),
      ).resolves.toContain('Your order has shipped');
      await expectAccessible(page);
    });
  },
);
