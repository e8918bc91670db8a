import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { expect, inject } from "vitest";

/**
 * Shared helpers for the end-to-end tests: a `next start` of the BUILT app on a fresh PGlite
 * data directory (the embedded default), Debian's Chromium, and signing in through the dev
 * outbox the way a new user does.
 *
 * E2E_DATABASE_URL (a Postgres server the tests may create databases on) runs every server on a
 * new database of its own there instead: migrated with `npm run db:migrate`, with the demo
 * workspace (LUMEN_DEMO_WORKSPACE=1) and the dev outbox (LUMEN_DEV_OUTBOX=1) turned on — the
 * same flows, on real Postgres. The database is dropped when the server stops.
 */

export const ROOT = path.resolve(import.meta.dirname, "..");
export const RESULTS = path.join(ROOT, "test-results");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type Server = { process: ChildProcess; baseUrl: string; dataDir: string; log: () => string; database?: PostgresDatabase };

type PostgresDatabase = { serverUrl: string; name: string; url: string };

export const onPostgres = Boolean(process.env.E2E_DATABASE_URL);

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A new, migrated database on E2E_DATABASE_URL's server. */
async function createPostgresDatabase(serverUrl: string): Promise<PostgresDatabase> {
  const name = `lumen_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = { serverUrl, name, url: url.toString() };
  await promisify(execFile)(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/migrate.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, DATABASE_DRIVER: "pg" },
  });
  return database;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `env` adds to (or overrides) the embedded default's environment, e.g. a known demo write key.
 * `template`: a PGlite data directory to start from a copy of; null for a first start on an
 * empty directory; by default the one the e2e global setup prepared.
 */
export async function startServer(options: { env?: Record<string, string>; template?: string | null } = {}): Promise<Server> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build found: run `npm run build` before `npm run test:e2e`.");
  }
  const port = await freePort();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "lumen-e2e-"));
  // A copy of the data directory the global setup prepared (migrated, demo workspace made):
  // each file still starts from the same fresh state, without paying for initdb and the demo.
  const database = onPostgres ? await createPostgresDatabase(process.env.E2E_DATABASE_URL!) : undefined;
  const template = database || options.template === null ? null : (options.template ?? inject("e2eDataTemplate"));
  if (template) await fs.cp(template, path.join(dataDir, "pglite"), { recursive: true });
  // "localhost", not 127.0.0.1: Next's request URLs normalise loopback addresses to
  // "localhost", so Auth.js's callback would send a 127.0.0.1 browser to localhost and the
  // session cookie (set for 127.0.0.1) would not come along.
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    LUMEN_DATA_DIR: path.join(dataDir, "pglite"),
    AUTH_SECRET: "e2e-secret",
    AUTH_URL: baseUrl,
    PORT: String(port),
  };
  // The embedded default: no external database, email service or Inngest.
  for (const name of ["DATABASE_URL", "DATABASE_DRIVER", "RESEND_API_KEY", "INNGEST_DEV", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "APP_URL"]) {
    delete env[name];
  }
  if (database) {
    Object.assign(env, { DATABASE_URL: database.url, DATABASE_DRIVER: "pg", APP_URL: baseUrl, LUMEN_DEMO_WORKSPACE: "1", LUMEN_DEV_OUTBOX: "1" });
  }
  Object.assign(env, options.env);
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const started: Server = { process: child, baseUrl, dataDir, log: () => output, database };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/sign-in`, { redirect: "manual" });
      if (response.status < 500) return started;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopServer(started);
  throw new Error(`next start did not answer within 120 s:\n${output}`);
}

/** Stops the server by its PID: SIGTERM, then SIGKILL if it lingers; its data directory is removed unless kept. */
export async function stopServer(s: Server, { keepData = false }: { keepData?: boolean } = {}): Promise<void> {
  const child = s.process;
  if (child.exitCode === null && child.signalCode === null && child.pid) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(child.pid, "SIGTERM");
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGKILL");
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (!keepData) await fs.rm(s.dataDir, { recursive: true, force: true });
  if (s.database && !keepData) await adminQuery(s.database.serverUrl, `DROP DATABASE IF EXISTS ${s.database.name} WITH (FORCE)`);
}

/** Debian's Chromium, headless, kept off the network (it would otherwise keep trying to reach the internet). */
export async function launchBrowser(): Promise<Browser> {
  // Playwright gives every launch a fresh temporary profile (user-data dir).
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Waits until the element is visible (playwright-core has no `expect`; vitest's does not know locators). */
export async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible" });
}

/** Runs the walk-through; on failure keeps a screenshot and the server log in test-results/. */
export async function walk(name: string, page: Page, server: Server | undefined, steps: (step: (label: string) => void) => Promise<void>) {
  let current = "start";
  try {
    await steps((label) => {
      current = label;
    });
  } catch (error) {
    await fs.mkdir(RESULTS, { recursive: true });
    const base = path.join(RESULTS, `${name}-${current.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`);
    await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
    await fs.writeFile(`${base}.server.log`, server?.log() ?? "").catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Step "${current}" failed (screenshot: ${path.relative(ROOT, base)}.png, page: ${page.url()}): ${message}`, {
      cause: error,
    });
  }
}

/** A full-page screenshot kept in test-results/ for a reviewer (not committed). */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
}

/**
 * Signs `email` in through the dev outbox: sign-in form → "Check your email" → the newest
 * message in /dev/outbox → its "Sign in to Lumen" link → the Segments tab (or, when `start` is a
 * dashboard page, back to that page).
 */
export async function signIn(
  page: Page,
  email: string,
  step: (label: string) => void = () => undefined,
  { start = "/", landing = /\/segments(\?|$)/ }: { start?: string; landing?: RegExp | ((url: URL) => boolean) } = {},
): Promise<void> {
  step(`open ${start} and get sent to sign-in`);
  await page.goto(start);
  await page.waitForURL(/\/sign-in(\?|$)/);

  step("ask for a sign-in link");
  await page.getByRole("textbox", { name: /email/i }).fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await visible(page.getByRole("heading", { name: "Check your email" }));
  // The app's own page in the address bar, not Auth.js's /api/auth/verify-request.
  await page.waitForURL((url) => url.pathname === "/sign-in/check-email");

  step("open the newest message in the dev outbox");
  await page.goto("/dev/outbox");
  const message = page.getByRole("link").filter({ hasText: email }).first();
  await expect.poll(() => message.textContent(), { timeout: 30_000 }).toContain("Sign in to Lumen");
  await message.click();
  await page.waitForURL(/\/dev\/outbox\/[0-9a-f-]{36}$/);

  step("follow the sign-in link");
  await page.getByRole("link", { name: "Sign in to Lumen" }).click();
  await page.waitForURL(landing);
}

/** The main navigation that is on screen (the sidebar on wide screens, the menu sheet's copy is hidden). */
export function mainNav(page: Page): Locator {
  return page.getByRole("navigation", { name: "Main" }).filter({ visible: true });
}

/** A new user gets a workspace of their own (listed first) and joins the demo workspace: switch to the demo. */
export async function switchToDemoWorkspace(page: Page): Promise<void> {
  const switcher = page.getByRole("button", { name: /^Workspace:/ }).filter({ visible: true });
  if (!(await switcher.textContent())?.includes("Demo workspace")) {
    await switcher.click();
    await page.getByRole("menuitem", { name: /Demo workspace/ }).click();
    await expect.poll(() => switcher.textContent(), { timeout: 30_000 }).toContain("Demo workspace");
  }
}

/**
 * In the condition builder: Add condition → Location → Country, then one country code, by
 * keyboard the way a marketer would (search the menu, Enter, type the value, Enter).
 */
export async function addCountryCondition(page: Page, country: string): Promise<void> {
  const conditions = page.getByRole("group", { name: "Conditions" });
  await conditions.getByRole("button", { name: "Add condition" }).last().click();
  await page.getByRole("combobox", { name: "Add condition" }).fill("Country");
  await page.keyboard.press("Enter");
  const countries = page.getByRole("combobox", { name: "Country values" }).or(page.getByRole("textbox", { name: "Country values" })).first();
  await countries.fill(country);
  await countries.press("Enter");
}
