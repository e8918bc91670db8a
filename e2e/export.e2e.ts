import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCountryCondition, keepScreenshot, launchBrowser, mainNav, signIn, startServer, stopServer, switchToDemoWorkspace, visible, walk, type Server } from "./support";

/**
 * The guide's export flow on the embedded default with the demo data, in Chromium: a segment
 * page → "Export" (top right) → columns → "We'll email you the CSV when it's ready" → the
 * exports list shows it sent → the email in /dev/outbox has the CSV attached, and the CSV's
 * rows are the segment's members. Screenshots of the dialog and the list go to test-results/.
 */

let server: Server | undefined;
let browser: Browser | undefined;

/** Creates an automatic segment "country is DE" through the Segments tab and waits until it is computed. */
async function createGermanSegment(page: Page, name: string) {
  await mainNav(page).getByRole("link", { name: "Segments" }).click();
  await page.waitForURL(/\/segments(\?|$)/);
  await page.getByRole("link", { name: "Create New Segment" }).first().click();
  await page.waitForURL(/\/segments\/new$/);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/^Description/).fill("Everyone in Germany, for the export test");
  await page.getByRole("radio", { name: /Automatic/ }).check();
  await addCountryCondition(page, "DE");
  await page.getByRole("button", { name: "Create and calculate" }).click();
  await page.waitForURL(/\/segments\/seg_[A-Za-z0-9]+$/);
  await visible(page.getByRole("heading", { level: 1, name }));
  await visible(page.getByText("Up to date"));
}

/** Parses our CSV (BOM, CRLF, RFC 4180 quotes) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\r" && body[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("export", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
  });

  it("exports a segment from its page and emails the CSV of its members", async () => {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const name = "Customers in Germany";
    const email = `e2e-export-${Date.now().toString(36)}@example.com`;

    await walk("export", page, server, async (step) => {
      await signIn(page, email, step);
      step("switch to the demo workspace");
      await switchToDemoWorkspace(page);

      step("create a segment to export");
      await createGermanSegment(page, name);
      const members = page.getByRole("table", { name: "Members of this segment" });
      await visible(members);
      const shownEmails = (await members.getByRole("link").allTextContents()).map((t) => t.trim()).filter((t) => t.includes("@"));
      expect(shownEmails.length).toBeGreaterThan(0);

      step("Export (top right) → the dialog with the member count and default columns");
      await page.getByRole("button", { name: "Export" }).click();
      const dialog = page.getByRole("dialog", { name: `Export ${name}` });
      await visible(dialog);
      const count = Number((await dialog.getByText(/customers? will be exported/).textContent())!.match(/^([\d,]+)/)![1].replace(/,/g, ""));
      expect(count).toBeGreaterThan(0);
      for (const label of ["Email", "External ID", "Name", "Country", "Created at", "Entered segment at"]) {
        expect(await dialog.getByRole("checkbox", { name: label, exact: true }).getAttribute("aria-checked")).toBe("true");
      }
      expect(await dialog.getByRole("checkbox", { name: "City", exact: true }).getAttribute("aria-checked")).toBe("false");
      await keepScreenshot(page, "export-dialog");

      step("confirm → the toast");
      await dialog.getByRole("button", { name: /^Export \d+ columns?$/ }).click();
      await visible(page.getByText("We'll email you the CSV when it's ready."));

      step("the exports list shows it sent");
      const exportsCard = page.getByRole("region", { name: "Exports" }).or(page.locator("section", { has: page.getByRole("heading", { name: "Exports" }) })).first();
      await expect.poll(async () => (await exportsCard.textContent()) ?? "", { timeout: 90_000 }).toContain("Sent");
      await keepScreenshot(page, "export-list");

      step("the email in the dev outbox has the CSV attached");
      await page.goto("/dev/outbox");
      const message = page.getByRole("link").filter({ hasText: `Your export of ${name} is ready` }).first();
      await visible(message);
      await message.click();
      await page.waitForURL(/\/dev\/outbox\/[0-9a-f-]{36}$/);
      const attachment = page.getByRole("link", { name: /\.csv$/ });
      await visible(attachment);
      const response = await page.request.get((await attachment.getAttribute("href"))!);
      expect(response.status()).toBe(200);
      const bytes = await response.body();
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

      step("the CSV's rows are the segment's members");
      const rows = parseCsv(bytes.toString("utf8"));
      expect(rows[0]).toEqual(["Email", "External ID", "Name", "Country", "Created at", "Entered segment at"]);
      const data = rows.slice(1);
      expect(data).toHaveLength(count);
      expect(new Set(data.map((r) => r[3]))).toEqual(new Set(["DE"]));
      const csvEmails = new Set(data.map((r) => r[0]));
      expect(csvEmails.size).toBe(count);
      for (const shown of shownEmails) expect(csvEmails.has(shown)).toBe(true);
    });

    await context.close();
  });
});
