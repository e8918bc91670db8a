import fs from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepScreenshot, launchBrowser, signIn, startServer, stopServer, visible, walk, type Server } from "./support";

/**
 * Uploads a CSV to a new manual segment on the built app: preview, options, the report whose
 * counts add up, and the error file. Screenshots at 1440 and 390 px go to test-results/.
 */

let server: Server | undefined;
let browser: Browser | undefined;

const csv = ["Email;Plan;City", "ada.e2e@example.com;pro;Paris", "BOB.e2e@example.com;;Berlin", "not-an-email;pro;", ";free;", "ada.e2e@example.com;team;Rome", "=cmd|' /C calc'!A0;x;y"].join("\r\n");

describe("CSV upload into a manual segment", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
  });

  it("creates the customers, reports what happened and offers the error file", async () => {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await walk("csv-import", page, server, async (step) => {
      await signIn(page, `csv-${Date.now().toString(36)}@example.com`, step);

      step("create a manual segment with Create and upload CSV, which opens its upload page");
      await page.goto("/segments/new");
      await page.getByLabel("Name").fill("Newsletter list");
      await page.getByText("Manual", { exact: true }).first().click();
      await page.getByRole("button", { name: "Create and upload CSV" }).click();
      await page.waitForURL(/\/segments\/seg_[A-Za-z0-9]+\/import$/);
      await visible(page.getByRole("heading", { level: 1, name: "Upload CSV" }));
      await keepScreenshot(page, "csv-import-1440-empty");

      step("choose the file and see the preview");
      await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });
      await visible(page.getByText("2. Check the first rows"));
      expect(await page.getByLabel("Column that identifies customers").inputValue()).toBe("0");
      await page.getByText("Create the customers, then add them").click();
      await keepScreenshot(page, "csv-import-1440-preview");
      await page.setViewportSize({ width: 390, height: 844 });
      await keepScreenshot(page, "csv-import-390-preview");
      await page.setViewportSize({ width: 1440, height: 1000 });

      step("apply and read the report");
      await page.getByRole("button", { name: /Add customers to/ }).click();
      await visible(page.getByText("Upload finished: 6 rows read"));
      const report = page.getByRole("definition");
      expect(await report.allTextContents()).toEqual(["0", "2", "0", "4", "2", "1", "1"]);
      await keepScreenshot(page, "csv-import-1440-report");
      await page.setViewportSize({ width: 390, height: 844 });
      await keepScreenshot(page, "csv-import-390-report");

      step("download the error file");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the error file/ }).click()]);
      const text = await fs.readFile((await download.path())!, "utf8");
      expect(text).toBe(
        "row,value,reason\r\n4,not-an-email,invalid email\r\n5,,empty identifier\r\n6,ada.e2e@example.com,duplicate in file\r\n7,'=cmd|' /C calc'!A0,invalid email\r\n",
      );

      step("back on the segment's page, the upload is listed with its error file");
      await page.setViewportSize({ width: 1440, height: 1000 });
      await page.getByRole("link", { name: "Back to the segment" }).click();
      await page.waitForURL(/\/segments\/seg_[A-Za-z0-9]+$/);
      const uploads = page.getByRole("table").filter({ hasText: "people.csv" });
      await visible(uploads.getByText("6 rows: 2 added (2 new customers), 0 already members, 4 skipped"));
      const [again] = await Promise.all([page.waitForEvent("download"), uploads.getByRole("link", { name: "Error file" }).click()]);
      expect(await fs.readFile((await again.path())!, "utf8")).toBe(text);
      await keepScreenshot(page, "csv-import-1440-recent-uploads");
    });
    await context.close();
  });

  it("uploads records into a data store on the same pipeline: preview, columns, a report that adds up, the error file", async () => {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const records = ["Record ID;Email;Plan;Note", "sub-1;ada.ds@example.com;pro;=SUM(A1:A2)", "sub-2;BOB.ds@example.com;team;", ";cy.ds@example.com;pro;", "sub-3;not-an-email;pro;", "sub-1;ada.ds@example.com;free;"].join("\r\n");
    await walk("data-store-upload", page, server, async (step) => {
      await signIn(page, `ds-${Date.now().toString(36)}@example.com`, step);

      step("create a data store and open its upload page");
      await page.goto("/data-stores");
      await page.getByRole("button", { name: "Create data store" }).click();
      await page.getByRole("dialog").getByLabel("Name", { exact: true }).fill("Subscriptions");
      await page.getByRole("dialog").getByRole("button", { name: "Create data store" }).click();
      await page.waitForURL(/\/data-stores\/ds_[A-Za-z0-9]+$/);
      const storePath = new URL(page.url()).pathname;
      await page.getByRole("link", { name: "Upload CSV" }).click();
      await page.waitForURL(/\/upload$/);
      await visible(page.getByRole("heading", { level: 1, name: "Upload records" }));
      await keepScreenshot(page, "data-store-upload-1440-empty");

      step("choose the file: the Record ID and customer columns are guessed from the header");
      await page.getByLabel("CSV file").setInputFiles({ name: "subscriptions.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${records}`) });
      await visible(page.getByText("3. Choose the columns"));
      expect(await page.getByLabel("Record ID column").inputValue()).toBe("0");
      expect(await page.getByLabel("Customer email column").inputValue()).toBe("1");
      await keepScreenshot(page, "data-store-upload-1440-preview");
      await page.setViewportSize({ width: 390, height: 844 });
      await keepScreenshot(page, "data-store-upload-390-preview");
      await page.setViewportSize({ width: 1440, height: 1000 });

      step("upload and read the report");
      await page.getByRole("button", { name: "Upload records" }).click();
      await visible(page.getByText("Upload finished: 5 rows read"));
      // Added, changed, unchanged, rejected; then the rejected rows by reason.
      expect(await page.getByRole("definition").allTextContents()).toEqual(["2", "0", "0", "3", "1", "1", "1"]);
      await keepScreenshot(page, "data-store-upload-1440-report");
      await page.setViewportSize({ width: 390, height: 844 });
      await keepScreenshot(page, "data-store-upload-390-report");
      await page.setViewportSize({ width: 1440, height: 1000 });

      step("download the error file");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the error file/ }).click()]);
      const text = await fs.readFile((await download.path())!, "utf8");
      expect(text).toBe("row,value,reason\r\n4,,empty Record ID\r\n5,not-an-email,invalid email\r\n6,sub-1,Record ID already in an earlier row (the first one is used)\r\n");

      step("the records are in the store, the formula kept as text");
      await page.getByRole("link", { name: /Back to “Subscriptions”/ }).click();
      await page.waitForURL((url) => url.pathname === storePath);
      await visible(page.getByRole("columnheader", { name: "Record ID" }));
      await visible(page.getByRole("cell", { name: "bob.ds@example.com" }));
      await visible(page.getByText("=SUM(A1:A2)"));
    });
    await context.close();
  });
});
