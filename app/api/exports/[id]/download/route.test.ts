import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { segmentExports } from "@/db/schema";
import { buildSegmentExportChunk, finishSegmentExportBuild, startSegmentExport } from "@/lib/exports/build-segment-export";
import { exportDownloadUrl } from "@/lib/exports/download-link";
import { expireSegmentExports } from "@/lib/exports/expire-exports";
import { requestSegmentExport } from "@/lib/exports/request-segment-export";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { addMember, createUser, signInAs, workspaceWithUser } from "@/tests/helpers/fixtures";
import { insertExportCustomers, insertManualSegment } from "@/tests/helpers/export-fixtures";
import { GET } from "./route";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn() }));

let t: TestDb;
let a: Awaited<ReturnType<typeof workspaceWithUser>>;
let b: Awaited<ReturnType<typeof workspaceWithUser>>;
let exportId: string;
let expiresAt: Date;
let expectedFile: Buffer;

/** Builds one export the way the job does (snapshot, chunks, finish), without sending it. */
async function builtExport(workspaceId: string, userId: string, email: string) {
  const ids = await insertExportCustomers(t.db, workspaceId, 5);
  const segment = await insertManualSegment(t.db, workspaceId, ids, "Download me");
  const { exportId: id } = await requestSegmentExport(t.db, workspaceId, { segmentPublicId: segment.publicId, columns: ["email", "name"], recipientEmail: email }, { actorUserId: userId });
  const start = await startSegmentExport(t.db, workspaceId, id, 3);
  if (start.status !== "ready") throw new Error("snapshot failed");
  const first = await buildSegmentExportChunk(t.db, workspaceId, id, { chunk: 0, columns: start.columns });
  if (first.status !== "written") throw new Error("chunk failed");
  await buildSegmentExportChunk(t.db, workspaceId, id, { chunk: 1, columns: start.columns });
  const built = await finishSegmentExportBuild(t.db, workspaceId, id, 5);
  return { id, expiresAt: new Date(built.expiresAt) };
}

const get = (url: string, id = exportId) => GET(new Request(url), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  process.env.AUTH_SECRET = "test-secret-for-export-links";
  process.env.APP_URL = "http://lumen.test";
  t = await createTestDb();
  a = await workspaceWithUser(t.db, "member", "A");
  b = await workspaceWithUser(t.db, "owner", "B");
  ({ id: exportId, expiresAt } = await builtExport(a.workspaceId, a.user.id, a.user.email));
  const { exportStorage } = await import("@/lib/exports/export-storage");
  const parts: Buffer[] = [];
  for await (const part of exportStorage(t.db).readParts(exportId)) parts.push(part);
  expectedFile = Buffer.concat(parts);
});
afterAll(async () => t.close());

describe("GET /api/exports/[id]/download", () => {
  it("streams the stored CSV, BOM included, to a signed-in member with a valid link", async () => {
    await signInAs(a.user);
    const response = await get(exportDownloadUrl(exportId, expiresAt));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="download-me-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body).toEqual(expectedFile);
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(body.toString("utf8").split("\r\n")).toHaveLength(7); // header + 5 rows + final empty
  });

  it("lets any role of the workspace download, a viewer included", async () => {
    const viewer = await createUser(t.db);
    await addMember(t.db, a.workspaceId, viewer.id, "viewer");
    await signInAs(viewer);
    expect((await get(exportDownloadUrl(exportId, expiresAt))).status).toBe(200);
  });

  it("refuses another workspace's user, as if the export did not exist", async () => {
    await signInAs(b.user);
    const response = await get(exportDownloadUrl(exportId, expiresAt));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Export not found.");
  });

  it("sends a visitor without a session to sign in, and back to the link afterwards", async () => {
    await signInAs(null);
    const url = exportDownloadUrl(exportId, expiresAt);
    const response = await get(url);
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://lumen.test/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe(url.replace("http://lumen.test", ""));
  });

  it("refuses an expired link", async () => {
    await signInAs(a.user);
    const response = await get(exportDownloadUrl(exportId, new Date(Date.now() - 1000)));
    expect(response.status).toBe(410);
    expect(await response.text()).toMatch(/expired/);
  });

  it.each([
    ["a changed expiry", (u: URL) => u.searchParams.set("expires", String(Number(u.searchParams.get("expires")) + 86_400))],
    ["a changed signature", (u: URL) => u.searchParams.set("signature", `${u.searchParams.get("signature")!.slice(0, -2)}AA`)],
    ["no signature", (u: URL) => u.searchParams.delete("signature")],
    ["a non-numeric expiry", (u: URL) => u.searchParams.set("expires", "tomorrow")],
  ])("refuses a tampered link: %s", async (_label, tamper) => {
    await signInAs(a.user);
    const url = new URL(exportDownloadUrl(exportId, expiresAt));
    tamper(url);
    const response = await get(url.toString());
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("This download link is not valid.");
  });

  it("refuses one export's signature used for another export", async () => {
    const other = await builtExport(a.workspaceId, a.user.id, a.user.email);
    await signInAs(a.user);
    const url = exportDownloadUrl(exportId, expiresAt).replace(exportId, other.id);
    expect((await get(url, other.id)).status).toBe(403);
  });

  it("refuses the download once the hourly cron has expired the file, and marks the export expired", async () => {
    const old = await builtExport(a.workspaceId, a.user.id, a.user.email);
    await t.db.update(segmentExports).set({ status: "sent" }).where(eq(segmentExports.id, old.id));
    // The cron one minute after expiry: the link's own time is not up yet in this test, the file's is.
    const result = await expireSegmentExports(t.db, new Date(old.expiresAt.getTime() + 60_000));
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select().from(segmentExports).where(eq(segmentExports.id, old.id));
    expect(row).toMatchObject({ status: "expired", expiresAt: null });
    await signInAs(a.user);
    const response = await get(exportDownloadUrl(old.id, old.expiresAt), old.id);
    expect(response.status).toBe(410);
  });
});
