import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCountryCondition, keepScreenshot, launchBrowser, RESULTS, signIn, startServer, stopServer, switchToDemoWorkspace, visible, walk, type Server } from "./support";

/**
 * Every page of the dashboard, at a desktop and a phone width, in Chromium against the built
 * app with the demo data plus a customer whose values are as long as the API accepts:
 * - no horizontal overflow of the document,
 * - no console errors and no failed requests,
 * - no serious or critical accessibility violations (axe-core, WCAG 2.1 A/AA),
 * and a screenshot of each page and width under test-results/pages/ for review.
 * New pages join PAGES (or the discovered list below) as they land.
 */

const WRITE_KEY = "lk_write_e2e_pages_0123456789abcdef";
const VIEWPORTS = [
  { name: "1440", width: 1440, height: 900 },
  { name: "390", width: 390, height: 844 },
] as const;

/** `prepare` interacts with the page (e.g. ticks rows) before it is judged. */
type PageCase = { name: string; path: string; signedIn: boolean; status?: number; prepare?: (page: Page) => Promise<void> };

let server: Server | undefined;
let browser: Browser | undefined;
let signedIn: BrowserContext | undefined;
let signedOut: BrowserContext | undefined;
/** Pages whose address is only known once the data exists (a customer, a message, segments). */
const discovered = new Map<string, string>();

type Problems = { console: string[]; failed: string[] };

/** Collects what the page reports while it loads: console errors, page errors, failed requests. */
function watch(page: Page, expectedStatus: number | undefined, pagePath: string): Problems {
  const problems: Problems = { console: [], failed: [] };
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // The document's own expected 404 is reported by Chromium as a console error too.
    if (expectedStatus === 404 && /status of 404/.test(message.text())) return;
    problems.console.push(message.text());
  });
  page.on("pageerror", (error) => problems.console.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) => {
    // Navigations cancel prefetches in flight: that is the router at work, not a failure.
    if (request.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on("response", (response) => {
    const url = new URL(response.url());
    const isDocument = url.pathname === pagePath.split("?")[0];
    if (response.status() >= 400 && !(isDocument && response.status() === expectedStatus)) {
      problems.failed.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
    }
  });
  return problems;
}

async function checkPage(context: BrowserContext, c: PageCase, viewport: (typeof VIEWPORTS)[number]) {
  const page = await context.newPage();
  await page.setViewportSize({ width: viewport.width, height: viewport.height });
  const problems = watch(page, c.status, c.path);
  const response = await page.goto(c.path, { waitUntil: "load" });
  expect(response?.status(), `${c.path} status`).toBe(c.status ?? 200);
  // Scripts run only with this response's nonce; a blocked script shows up as a console error below.
  const policy = (await response?.allHeaders())?.["content-security-policy"] ?? "";
  expect(policy, `${c.path} Content-Security-Policy`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  // Let client components hydrate and early requests settle before judging the page (pages that
  // refresh themselves while work runs never go network-idle, so no networkidle wait).
  await page.waitForTimeout(750);
  await c.prepare?.(page);

  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  // The outbox shows an email in a sandboxed iframe without scripts: axe cannot run inside it
  // (the injection waits forever), so it is left out; the page around it is checked.
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude("iframe[sandbox]").analyze();
  const serious = axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);

  await fs.mkdir(path.join(RESULTS, "pages"), { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, "pages", `${c.name}-${viewport.name}.png`), fullPage: true });
  await page.close();

  return { overflow, serious, problems };
}

describe("every page of the dashboard", () => {
  beforeAll(async () => {
    server = await startServer({ env: { LUMEN_DEMO_WRITE_KEY: WRITE_KEY } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
  });

  // Signs in, adds the long values and the segments, and finds the addresses of the pages that
  // need them: everything the page checks below visit. A test, not a hook: it polls with expect.
  it("sets up a signed-in marketer, a customer with long values, two segments and a linked data store", async () => {
    const { baseUrl } = server!;

    // A customer with values as long as the API takes: the pages must wrap or truncate them.
    const longLocal = "a".repeat(64);
    const identify = await fetch(`${baseUrl}/api/v1/identify`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}` },
      body: JSON.stringify({
        userId: `e2e-long-${"x".repeat(100)}`,
        traits: {
          email: `${longLocal}@${"long-domain-name-".repeat(8)}example.com`,
          name: "Maximiliana Alexandrina Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh",
          is_subscribed_to_the_quarterly_product_newsletter_and_partner_offers: true,
          favourite_url: `https://example.com/${"very-long-path-segment/".repeat(12)}`,
        },
      }),
    });
    expect(identify.status).toBe(200);

    signedIn = await browser!.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
    signedOut = await browser!.newContext({ baseURL: baseUrl });
    const page = await signedIn.newPage();
    page.setDefaultTimeout(30_000);
    const email = `pages-${Date.now().toString(36)}@example.com`;

    await walk("pages", page, server, async (step) => {
      await signIn(page, email, step);
      step("switch to the demo workspace");
      await switchToDemoWorkspace(page);

      step("find the long customer, a dev outbox message");
      await page.goto("/customers");
      const longCustomer = page.getByRole("link").filter({ hasText: longLocal }).first();
      const href = await longCustomer.getAttribute("href");
      expect(href).toMatch(/^\/customers\/\d+$/);
      discovered.set("customer-long-values", href!);
      await page.goto("/dev/outbox");
      const message = await page.getByRole("link").filter({ hasText: email }).first().getAttribute("href");
      expect(message).toMatch(/^\/dev\/outbox\/.+/);
      discovered.set("dev-outbox-message", message!);

      step("create an automatic and a manual segment, for their pages");
      for (const type of ["Automatic", "Manual"] as const) {
        await page.goto("/segments/new");
        await page.getByLabel("Name").fill(`${type} segment with a name long enough to wrap on a phone screen`);
        await page.getByLabel(/^Description/).fill("Made by the every-page test ".repeat(8).trim());
        await page.getByRole("radio", { name: new RegExp(type) }).check();
        if (type === "Automatic") {
          await addCountryCondition(page, "DE");
          await page.getByRole("button", { name: "Create and calculate" }).click();
        } else {
          await page.getByRole("button", { name: "Create segment" }).click();
        }
        await page.waitForURL(/\/segments\/seg_[A-Za-z0-9]+$/);
        const segmentPath = new URL(page.url()).pathname;
        if (type === "Automatic") {
          await visible(page.getByText("Up to date"));
          discovered.set("segment-automatic", segmentPath);
          discovered.set("segment-edit", `${segmentPath}/edit`);
        } else {
          discovered.set("segment-manual", segmentPath);
          discovered.set("segment-import", `${segmentPath}/import`);
        }
      }

      step("create a data store with a record, and link the manual segment to it");
      await page.goto("/data-stores");
      await page.getByRole("button", { name: "Create data store" }).click();
      const createDialog = page.getByRole("dialog");
      await createDialog.getByLabel("Name", { exact: true }).fill("Data store with a name long enough to wrap on a phone screen as well");
      await createDialog.getByRole("button", { name: "Create data store" }).click();
      await page.waitForURL(/\/data-stores\/ds_[A-Za-z0-9]+$/);
      const storePath = new URL(page.url()).pathname;
      discovered.set("data-store", storePath);
      discovered.set("data-store-upload", `${storePath}/upload`);
      await page.getByRole("button", { name: "Add record" }).click();
      const recordDialog = page.getByRole("dialog");
      // Sent empty, the dialog says what is missing in its own words (kept for review at both widths).
      await recordDialog.getByRole("button", { name: "Add record" }).click();
      await visible(recordDialog.getByText("Give the record an ID, for example a subscription or order number."));
      await visible(recordDialog.getByText("Say which customer this record belongs to."));
      for (const { name, width, height } of VIEWPORTS) {
        await page.setViewportSize({ width, height });
        await keepScreenshot(page, `pages/record-dialog-errors-${name}`);
      }
      await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
      await recordDialog.getByLabel("Record ID", { exact: true }).fill(`subscription-${"0123456789".repeat(6)}`);
      await recordDialog.getByLabel("Customer email", { exact: true }).fill(`${longLocal}@${"long-domain-name-".repeat(8)}example.com`);
      await recordDialog.getByLabel("Data fields", { exact: true }).fill(`plan = pro\nnote = ${"a long note ".repeat(10).trim()}`);
      await recordDialog.getByRole("button", { name: "Add record" }).click();
      await visible(page.getByRole("cell", { name: /subscription-0123/ }).first());
      // A CSV upload through the parsing worker: one good row, one the store refuses; the report adds up.
      await page.goto(`${storePath}/upload`);
      await page.getByLabel("CSV file").setInputFiles({
        name: "subscriptions.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`subscription_id,email,plan\r\nsub-2,${longLocal}@${"long-domain-name-".repeat(8)}example.com,team\r\nsub-3,not-an-email,pro\r\n`),
      });
      await page.getByRole("button", { name: "Upload records" }).click();
      await visible(page.getByText("Upload finished: 2 rows read"));
      expect(await page.getByRole("definition").allTextContents()).toEqual(["1", "0", "0", "1", "1"]);
      await page.goto(discovered.get("segment-manual")!);
      await page.getByRole("button", { name: "Link a data store" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Link data store" }).click();
      // The segment page refreshes itself until the first sync has run; the record's customer is then a member.
      await visible(page.getByText(/Last sync .*: 1 added, 0 removed/));

      step("pick two customers on the Customers tab into the manual segment, for its member list");
      await page.goto("/customers");
      const rows = page.getByRole("checkbox", { name: /^Select (?!every)/ });
      // Not the first row: the long-values customer, newest, is already a member through the data store.
      await rows.nth(1).check();
      await rows.nth(2).check();
      await page.getByRole("button", { name: "Add to segment…" }).click();
      await page.getByRole("dialog", { name: "Add to segment…" }).getByRole("option", { name: /Manual segment with a name long enough/ }).click();
      await visible(page.getByRole("status").getByText(/^Added 2 customers to/));
    });
    await page.close();
  }, 300_000);

  afterAll(async () => {
    await signedIn?.close().catch(() => undefined);
    await signedOut?.close().catch(() => undefined);
  });

  const cases: PageCase[] = [
    { name: "sign-in", path: "/sign-in", signedIn: false },
    { name: "check-email", path: "/sign-in/check-email", signedIn: false },
    { name: "dev-outbox", path: "/dev/outbox", signedIn: false },
    { name: "dev-outbox-message", path: "", signedIn: false },
    { name: "segments", path: "/segments", signedIn: true },
    { name: "segments-new", path: "/segments/new", signedIn: true },
    { name: "segment-automatic", path: "", signedIn: true },
    { name: "segment-edit", path: "", signedIn: true },
    { name: "segment-manual", path: "", signedIn: true },
    { name: "segment-import", path: "", signedIn: true },
    { name: "customers", path: "/customers", signedIn: true },
    { name: "customers-search", path: "/customers?q=zz-no-such-customer", signedIn: true },
    {
      name: "customers-filtered-selection",
      path: "/customers?country=US&seen=within&days=90&segmentOp=not_in&segment=",
      signedIn: true,
      // Two rows ticked: the selection toolbar with its segment pickers is what a phone must fit.
      prepare: async (page) => {
        const rows = page.getByRole("checkbox", { name: /^Select (?!every)/ });
        await rows.nth(0).check();
        await rows.nth(1).check();
        await visible(page.getByText("2 customers selected"));
        // A workspace of this size counts the matches in the header on every view (a larger one on request).
        await visible(page.getByText(/^[\d,]+ of the [\d,]+ customers in this workspace are those whose country is US/));
      },
    },
    { name: "customers-bad-filter", path: "/customers?seen=within&attr=plan", signedIn: true },
    { name: "customer-long-values", path: "", signedIn: true },
    { name: "data-stores", path: "/data-stores", signedIn: true },
    { name: "data-store", path: "", signedIn: true },
    { name: "data-store-upload", path: "", signedIn: true },
    { name: "settings", path: "/settings", signedIn: true },
    { name: "exports", path: "/exports", signedIn: true },
    { name: "not-found", path: "/no-such-page", signedIn: true, status: 404 },
    { name: "not-found-outside-dashboard", path: "/dev/outbox/no-such-message", signedIn: false, status: 404 },
  ];

  it.each(cases)("$name: no overflow, console errors, failed requests or serious axe violations at 1440 and 390 px", async (c) => {
    const pageCase = { ...c, path: c.path || discovered.get(c.name)! };
    expect(pageCase.path, `address of ${c.name}`).toBeTruthy();
    const failures: string[] = [];
    // Both widths at once: each check mostly waits (the settle pause, the server, axe in its own
    // renderer), so two overlap well on two cores.
    const results = await Promise.all(VIEWPORTS.map((viewport) => checkPage(c.signedIn ? signedIn! : signedOut!, pageCase, viewport)));
    for (const [i, result] of results.entries()) {
      const viewport = VIEWPORTS[i];
      const where = `${pageCase.path} at ${viewport.name} px`;
      if (result.overflow.scrollWidth > result.overflow.clientWidth) {
        failures.push(`${where}: ${result.overflow.scrollWidth} px wide in a ${result.overflow.clientWidth} px window`);
      }
      for (const v of result.serious) failures.push(`${where}: axe ${v}`);
      for (const m of result.problems.console) failures.push(`${where}: console error: ${m}`);
      for (const f of result.problems.failed) failures.push(`${where}: failed request: ${f}`);
    }
    expect(failures).toEqual([]);
  });
});
