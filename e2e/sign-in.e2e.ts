import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepScreenshot, launchBrowser, mainNav, signIn, startServer, stopServer, switchToDemoWorkspace, visible, walk, type Server } from "./support";

/**
 * Signs in the way a new user does on the embedded default and looks at the demo data:
 * / → sign-in → magic link from the dev outbox → dashboard → Customers → a customer.
 * Runs the BUILT app (`npm run build` first) with `next start` on a fresh data directory,
 * and Debian's Chromium (`apt-get install chromium`). Screenshots of a failure go to test-results/.
 */

let server: Server | undefined;
let browser: Browser | undefined;

describe("signing in on the embedded default", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
  });

  it("takes a new user from the magic link to a demo customer's page", async () => {
    const { baseUrl } = server!;
    const context = await browser!.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const email = `e2e-${Date.now().toString(36)}@example.com`;

    await walk("sign-in", page, server, async (step) => {
      await signIn(page, email, step);

      step("see the dashboard");
      await visible(page.getByRole("heading", { level: 1, name: "Segments" }));
      const nav = mainNav(page);
      for (const label of ["Segments", "Customers", "Data stores", "Settings"]) {
        await visible(nav.getByRole("link", { name: label }));
      }

      step("switch to the demo workspace");
      await switchToDemoWorkspace(page);

      step("open Customers");
      await nav.getByRole("link", { name: "Customers" }).click();
      await page.waitForURL(/\/customers(\?|$)/);
      await visible(page.getByRole("heading", { level: 1, name: "Customers" }));
      const table = page.getByRole("table");
      const firstCustomer = table.getByRole("link").first();
      await expect.poll(async () => (await firstCustomer.textContent())?.trim(), { timeout: 30_000 }).toMatch(/^[a-z0-9._]+@[a-z0-9.-]+$/);
      expect(await table.getByRole("row").count()).toBeGreaterThan(10);

      step("open the first customer");
      const customerEmail = (await firstCustomer.textContent())!.trim();
      await firstCustomer.click();
      await page.waitForURL(/\/customers\/\d+$/);
      await visible(page.getByText(customerEmail, { exact: true }).first());
      await visible(page.getByText("Recent events", { exact: true }));
    });

    await context.close();
  });

  it("brings a signed-out visitor back to the page they asked for", async () => {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const deepLink = "/customers?q=deep-link%40example.com";
    await walk("deep-link", page, server, async (step) => {
      await signIn(page, `deep-${Date.now().toString(36)}@example.com`, step, {
        start: deepLink,
        landing: (url) => url.pathname + url.search === deepLink,
      });
      step("see the page asked for");
      await visible(page.getByRole("heading", { level: 1, name: "Customers" }));
      expect(await page.getByRole("searchbox").or(page.getByRole("textbox", { name: /search/i })).first().inputValue()).toBe("deep-link@example.com");
    });
    await context.close();
  });

  it("takes an invited teammate from the invitation email into the workspace, as the role offered", async () => {
    const stamp = Date.now().toString(36);
    const adminEmail = `e2e-admin-${stamp}@example.com`;
    const teammateEmail = `e2e-teammate-${stamp}@example.com`;
    // The demo workspace: it invites the teammate, so they do not join it by themselves (embedded default).
    const workspaceName = "Demo workspace";
    const admin = await browser!.newContext({ baseURL: server!.baseUrl, viewport: { width: 1280, height: 900 } });
    const adminPage = await admin.newPage();
    adminPage.setDefaultTimeout(30_000);
    await walk("invite", adminPage, server, async (step) => {
      await signIn(adminPage, adminEmail, step);
      await switchToDemoWorkspace(adminPage);
      step("Settings → invite a teammate as viewer");
      await mainNav(adminPage).getByRole("link", { name: "Settings" }).click();
      await adminPage.getByLabel("Email address").fill(teammateEmail);
      await adminPage.getByLabel("Role").selectOption("viewer");
      await adminPage.getByRole("button", { name: "Invite", exact: true }).click();
      await visible(adminPage.getByText(teammateEmail).first());
    });
    await admin.close();

    const teammate = await browser!.newContext({ baseURL: server!.baseUrl, viewport: { width: 390, height: 844 } });
    const page = await teammate.newPage();
    page.setDefaultTimeout(30_000);
    await walk("accept-invitation", page, server, async (step) => {
      step("open the invitation email and its link");
      await page.goto("/dev/outbox");
      const invitation = page.getByRole("link").filter({ hasText: teammateEmail }).first();
      await expect.poll(() => invitation.textContent(), { timeout: 30_000 }).toContain("invited you to");
      await invitation.click();
      await page.waitForURL(/\/dev\/outbox\/[0-9a-f-]{36}$/);
      await page.getByRole("link", { name: "Sign in to accept" }).click();

      step("the sign-in form starts with the invited address");
      await page.waitForURL(/\/sign-in\?email=/);
      const field = page.getByRole("textbox", { name: /email/i });
      expect(await field.inputValue()).toBe(teammateEmail);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      await visible(page.getByRole("heading", { name: "Check your email" }));
      await page.goto("/dev/outbox");
      const signInMail = page.getByRole("link").filter({ hasText: teammateEmail }).filter({ hasText: "Sign in to Lumen" }).first();
      await visible(signInMail);
      await signInMail.click();
      await page.waitForURL(/\/dev\/outbox\/[0-9a-f-]{36}$/);
      await page.getByRole("link", { name: "Sign in to Lumen" }).click();
      await page.waitForURL(/\/segments(\?|$)/);

      step("Accept opens the workspace joined, as viewer");
      const offers = page.getByRole("region", { name: /invitation/ });
      await visible(offers.getByText(workspaceName, { exact: true }).first());
      await offers.getByRole("button", { name: `Accept the invitation to ${workspaceName}` }).click();
      await visible(page.getByText(`You joined ${workspaceName}: it is open now.`));
      await expect.poll(() => offers.count()).toBe(0);
      // The menu bar names the workspace on a phone; its (empty) segments list is a viewer's.
      await visible(page.getByText(workspaceName).first());
      await visible(page.getByText("You have view-only access to this workspace: ask an admin to create segments."));
      await keepScreenshot(page, "invitation-accepted-390");
    });
    await teammate.close();
  });
});
