import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { customers, devOutbox, exportFileParts, exportSnapshotChunks, segmentExports, segments } from "@/db/schema";
import { buildSegmentExportChunk, SEGMENT_DELETED_ERROR, startSegmentExport } from "@/lib/exports/build-segment-export";
import { verifyDownloadLink } from "@/lib/exports/download-link";
import { requestSegmentExport } from "@/lib/exports/request-segment-export";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { workspaceWithUser } from "@/tests/helpers/fixtures";
import { addSegmentMembers, insertExportCustomers, insertManualSegment } from "@/tests/helpers/export-fixtures";
import { startFakeResend } from "@/tests/helpers/fake-resend";
import { insertCustomers } from "@/tests/helpers/segment-fixtures";
import { exportSegment } from "./export-segment";

// The real chunk builder, wrapped in a spy: tests count rebuilds and inject failures.
vi.mock("@/lib/exports/build-segment-export", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/exports/build-segment-export")>();
  return { ...real, buildSegmentExportChunk: vi.fn(real.buildSegmentExportChunk) };
});

const COLUMNS = ["email", "name", "country", "entered_at", "attribute:plan", "attribute:ltv"];
const BOM = "\uFEFF";

let t: TestDb;
let workspaceId: string;
let user: { id: string; email: string };
let memberIds: number[];

beforeAll(async () => {
  t = await createTestDb();
  ({ workspaceId, user } = await workspaceWithUser(t.db, "member"));
  memberIds = await insertExportCustomers(t.db, workspaceId, 7);
  process.env.AUTH_SECRET = "test-secret-for-export-links";
});
afterAll(async () => t.close());
beforeEach(() => {
  process.env.LUMEN_EXPORT_CHUNK_ROWS = "3";
  vi.mocked(buildSegmentExportChunk).mockClear();
});
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  delete process.env.LUMEN_EXPORT_ATTACHMENT_LIMIT_BYTES;
});

/** The file a correct export of these customers must produce, built independently of the CSV writer. */
async function expectedCsv(ids: number[]) {
  const rows = await t.db.select().from(customers).where(inArray(customers.id, ids)).orderBy(asc(customers.id));
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const guard = (v: string) => (/^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v);
  const name = (a: Record<string, unknown>) => (a.name as string | undefined) ?? `${a.first_name} ${a.last_name}`;
  const lines = rows.map((c) =>
    [c.email!, name(c.attributes), c.country ?? "", "2026-03-04T05:06:07Z", String(c.attributes.plan ?? ""), c.attributes.ltv === undefined ? "" : String(c.attributes.ltv)]
      .map((v) => quote(guard(v)))
      .join(","),
  );
  return `${BOM}Email,Name,Country,Entered segment at,plan,ltv\r\n${lines.map((l) => `${l}\r\n`).join("")}`;
}

async function newExport(ids = memberIds, name = "VIP customers", owner = { workspaceId, user }) {
  const segment = await insertManualSegment(t.db, owner.workspaceId, ids, name);
  const { exportId } = await requestSegmentExport(
    t.db,
    owner.workspaceId,
    { segmentPublicId: segment.publicId, columns: COLUMNS, recipientEmail: owner.user.email },
    { actorUserId: owner.user.id },
  );
  return { segment, exportId, event: { name: "exports/segment.requested" as const, data: { workspaceId: owner.workspaceId, exportId } } };
}

const exportRow = async (id: string) => (await t.db.select().from(segmentExports).where(eq(segmentExports.id, id)))[0];
const latestMail = async () => (await t.db.select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(1))[0];
const partCount = async (id: string) => (await t.db.select().from(exportFileParts).where(eq(exportFileParts.exportId, id))).length;
const snapshotCount = async (id: string) => (await t.db.select().from(exportSnapshotChunks).where(eq(exportSnapshotChunks.exportId, id))).length;
const attachmentText = (mail: { attachments: { contentBase64: string }[] }) => Buffer.from(mail.attachments[0].contentBase64, "base64").toString("utf8");

describe("export-segment (under @inngest/test)", () => {
  // One chunk at a time here: @inngest/test replays parallel steps that real Inngest runs once,
  // even after later steps, which would make these step-by-step assertions about the replays.
  // Parallel waves are tested for real in the embedded runner below.
  beforeEach(() => {
    process.env.LUMEN_EXPORT_PARALLEL_CHUNKS = "1";
  });
  afterEach(() => {
    delete process.env.LUMEN_EXPORT_PARALLEL_CHUNKS;
  });

  it("builds the CSV in keyset chunks of the snapshot, stores one part per chunk, and emails it attached", async () => {
    const { exportId, event } = await newExport();
    const { result, error } = await new InngestTestEngine({ function: exportSegment.fn, events: [event] as never }).execute();

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "sent", parts: 3, rows: 7, delivery: "attachment" });
    expect(vi.mocked(buildSegmentExportChunk).mock.calls.map((c) => c[3].chunk)).toEqual([0, 1, 2]);
    expect(await partCount(exportId)).toBe(3);
    expect(await snapshotCount(exportId)).toBe(0);
    const mail = await latestMail();
    expect(mail.to).toBe(user.email);
    expect(mail.subject).toBe("Your export of VIP customers is ready");
    expect(mail.text).toContain("7 customers");
    expect(mail.attachments[0]).toMatchObject({ filename: expect.stringMatching(/^vip-customers-\d{4}-\d{2}-\d{2}\.csv$/), contentType: "text/csv; charset=utf-8" });
    expect(attachmentText(mail)).toBe(await expectedCsv(memberIds));
    expect(await exportRow(exportId)).toMatchObject({ status: "sent", rowCount: 7, rowsWritten: 7, delivery: "attachment", error: null, emailId: mail.publicId });
  });

  it("exports the members of the moment it started: joiners and leavers during the build cause no duplicates or gaps", async () => {
    const { segment, exportId, event } = await newExport();
    const [newcomer] = await insertCustomers(t.db, workspaceId, [{ attributes: { name: "Late joiner" } }]);
    const engine = new InngestTestEngine({
      function: exportSegment.fn,
      events: [event] as never,
      steps: [
        {
          id: "chunk-1",
          // Between two chunks: a member leaves, a customer joins (with an id between the chunks' keys too).
          handler: async () => {
            await t.db.execute(sql`DELETE FROM segment_members WHERE segment_id = ${segment.id} AND customer_id IN (${memberIds[1]}, ${memberIds[4]})`);
            await addSegmentMembers(t.db, segment.id, [newcomer]);
            return buildSegmentExportChunk(t.db, workspaceId, exportId, { chunk: 1, columns: COLUMNS });
          },
        },
      ],
    });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ status: "sent", rows: 7 });
    expect(attachmentText(await latestMail())).toBe(await expectedCsv(memberIds));
  });

  it("reads a dense chunk by id range, letting in neither non-members nor another workspace's customers inside the range", async () => {
    // A workspace of its own: the exports of this file's workspace count against its hourly limit.
    const owner = await workspaceWithUser(t.db, "member", "Dense");
    const { workspaceId: otherWorkspace } = await workspaceWithUser(t.db, "owner", "Other");
    // Ids in insertion order: a0 a1 | another workspace's customer | a2 (not a member) | a3 a4 a5.
    const [a0, a1] = await insertExportCustomers(t.db, owner.workspaceId, 2);
    await insertExportCustomers(t.db, otherWorkspace, 1);
    await insertExportCustomers(t.db, owner.workspaceId, 1);
    const [a3, a4, a5] = await insertExportCustomers(t.db, owner.workspaceId, 3);
    const members = [a0, a1, a3, a4, a5];
    const { event } = await newExport(members, "Dense", owner);
    const { result, error } = await new InngestTestEngine({ function: exportSegment.fn, events: [event] as never }).execute();

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "sent", parts: 2, rows: 5 });
    // Chunk 0 holds 3 of the 5 ids from a0 to a3: dense enough for the range read, with two strangers inside it.
    expect(vi.mocked(buildSegmentExportChunk).mock.calls.map((c) => c[3].ids)).toEqual([
      { first: a0, last: a3, count: 3 },
      { first: a4, last: a5, count: 2 },
    ]);
    expect(attachmentText(await latestMail())).toBe(await expectedCsv(members));
  });

  it("writes the same part whether a chunk is read by id range or by its id list", async () => {
    const owner = await workspaceWithUser(t.db, "member", "Both ways");
    const ids = await insertExportCustomers(t.db, owner.workspaceId, 7);
    const { exportId } = await newExport(ids, "Both ways", owner);
    const start = await startSegmentExport(t.db, owner.workspaceId, exportId, 3);
    if (start.status !== "ready") throw new Error(`snapshot ${start.status}`);
    expect(start.chunkIds.map((c) => c.count)).toEqual([3, 3, 1]);
    const partBytes = async (chunk: number) =>
      (await t.db.select().from(exportFileParts).where(and(eq(exportFileParts.exportId, exportId), eq(exportFileParts.part, chunk))))[0].content;
    for (let chunk = 0; chunk < start.chunks; chunk++) {
      await buildSegmentExportChunk(t.db, owner.workspaceId, exportId, { chunk, columns: COLUMNS, ids: start.chunkIds[chunk] });
      const byRange = await partBytes(chunk);
      await buildSegmentExportChunk(t.db, owner.workspaceId, exportId, { chunk, columns: COLUMNS });
      expect(await partBytes(chunk)).toEqual(byRange);
    }
  });

  it("retries a failed email from the stored file, without rebuilding it", async () => {
    const { exportId, event } = await newExport();
    const first = await new InngestTestEngine({
      function: exportSegment.fn,
      events: [event] as never,
      steps: [{ id: "send-email", handler: () => { throw new Error("Resend is unavailable"); } }],
    }).execute();
    expect(first.error).toBeDefined();
    expect(await exportRow(exportId)).toMatchObject({ status: "sending", rowsWritten: 7 });
    const builds = vi.mocked(buildSegmentExportChunk).mock.calls.length;
    expect(builds).toBe(3);

    // Inngest's retry replays the memoised results of the steps that succeeded and runs only the failed one.
    const done = ["snapshot", "chunk-0", "chunk-1", "chunk-2", "finish-build"];
    // @inngest/test keys step state by the SHA-1 of the step id.
    const memo = await Promise.all(done.map((id) => first.state[createHash("sha1").update(id).digest("hex")]));
    const { result, error } = await new InngestTestEngine({
      function: exportSegment.fn,
      events: [event] as never,
      steps: done.map((id, i) => ({ id, handler: () => memo[i] })),
    }).execute();

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "sent", rows: 7 });
    expect(vi.mocked(buildSegmentExportChunk).mock.calls.length).toBe(builds);
    expect(attachmentText(await latestMail())).toBe(await expectedCsv(memberIds));
    expect(await exportRow(exportId)).toMatchObject({ status: "sent" });
  });

  it("stops cleanly with a clear status when the segment is deleted before the export starts", async () => {
    const { segment, exportId, event } = await newExport();
    await t.db.delete(segments).where(eq(segments.id, segment.id));
    const mailBefore = (await latestMail())?.id;
    const { result, error } = await new InngestTestEngine({ function: exportSegment.fn, events: [event] as never }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "segment_deleted" });
    expect(await exportRow(exportId)).toMatchObject({ status: "failed", error: SEGMENT_DELETED_ERROR, expiresAt: null });
    expect((await latestMail())?.id).toBe(mailBefore);
  });

  it("stops between chunks when the segment is deleted during the export, removing what was built", async () => {
    const { segment, exportId, event } = await newExport();
    const mailBefore = (await latestMail())?.id;
    const engine = new InngestTestEngine({
      function: exportSegment.fn,
      events: [event] as never,
      steps: [
        {
          id: "chunk-1",
          handler: async () => {
            // Delete Segment marks the segment deleted at once; its rows go later, in the background.
            await t.db.update(segments).set({ deletedAt: new Date() }).where(eq(segments.id, segment.id));
            return buildSegmentExportChunk(t.db, workspaceId, exportId, { chunk: 1, columns: COLUMNS });
          },
        },
      ],
    });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "segment_deleted" });
    expect(await exportRow(exportId)).toMatchObject({ status: "failed", error: SEGMENT_DELETED_ERROR });
    expect(await partCount(exportId)).toBe(0);
    expect(await snapshotCount(exportId)).toBe(0);
    expect((await latestMail())?.id).toBe(mailBefore);
  });

  it("writes a header-only file for an empty segment", async () => {
    const { event } = await newExport([], "Nobody yet");
    const { result } = await new InngestTestEngine({ function: exportSegment.fn, events: [event] as never }).execute();
    expect(result).toMatchObject({ status: "sent", parts: 1, rows: 0 });
    expect(attachmentText(await latestMail())).toBe(`${BOM}Email,Name,Country,Entered segment at,plan,ltv\r\n`);
  });
});

describe("export-segment in the embedded runner, through the real resend SDK and a fake Resend API", () => {
  it("retries a refused send with the same idempotency key and recipient, sending the stored file without rebuilding it", async () => {
    const api = await startFakeResend((_req, i) => (i === 0 ? { status: 500, body: { name: "internal_server_error", message: "Resend had a moment", statusCode: 500 } } : { status: 200, body: { id: "email_export_1" } }));
    process.env.RESEND_API_KEY = "re_test";
    process.env.RESEND_BASE_URL = api.url;
    const { exportId, event } = await newExport();
    const { EmbeddedRunner } = await import("@/lib/jobs/embedded-runner");
    const runner = new EmbeddedRunner([exportSegment], { retryBaseMs: 1, log: { info: vi.fn(), error: vi.fn() } });
    runner.send(event);
    await runner.idle();
    await api.close();

    expect(runner.runs[0].status).toBe("completed");
    expect(vi.mocked(buildSegmentExportChunk)).toHaveBeenCalledTimes(3);
    expect(api.received).toHaveLength(2);
    for (const request of api.received) {
      expect(request.path).toBe("/emails");
      expect(request.headers["idempotency-key"]).toBe(`segment-export/${exportId}`);
      expect(request.body).toMatchObject({ to: user.email, subject: "Your export of VIP customers is ready" });
      const [attachment] = request.body.attachments as { filename: string; content: string }[];
      expect(Buffer.from(attachment.content, "base64").toString("utf8")).toBe(await expectedCsv(memberIds));
    }
    expect(await exportRow(exportId)).toMatchObject({ status: "sent", emailId: "email_export_1", delivery: "attachment" });
  });

  it("sends a signed, expiring link instead of an attachment when the file is over the attachment limit", async () => {
    const api = await startFakeResend(() => ({ status: 200, body: { id: "email_export_2" } }));
    process.env.RESEND_API_KEY = "re_test";
    process.env.RESEND_BASE_URL = api.url;
    process.env.LUMEN_EXPORT_ATTACHMENT_LIMIT_BYTES = "100";
    const { exportId, event } = await newExport();
    const { EmbeddedRunner } = await import("@/lib/jobs/embedded-runner");
    const runner = new EmbeddedRunner([exportSegment], { retryBaseMs: 1, log: { info: vi.fn(), error: vi.fn() } });
    runner.send(event);
    await runner.idle();
    await api.close();

    expect(api.received).toHaveLength(1);
    const body = api.received[0].body;
    expect(body.to).toBe(user.email);
    expect(body.attachments).toBeUndefined();
    const href = /href="([^"]*\/api\/exports\/[^"]+)"/.exec(body.html as string)![1].replace(/&amp;/g, "&");
    const url = new URL(href);
    expect(url.pathname).toBe(`/api/exports/${exportId}/download`);
    const row = await exportRow(exportId);
    expect(Number(url.searchParams.get("expires")) * 1000).toBe(Math.floor(row.expiresAt!.getTime() / 1000) * 1000);
    expect(verifyDownloadLink(exportId, url.searchParams.get("expires"), url.searchParams.get("signature"))).toEqual({ ok: true });
    expect(row).toMatchObject({ status: "sent", delivery: "link", emailId: "email_export_2" });
    // Valid for 7 days from the build.
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);
  });

  it("marks the export failed with the reason when a chunk keeps failing, and keeps no partial file", async () => {
    const { exportId, event } = await newExport();
    vi.mocked(buildSegmentExportChunk).mockImplementation(async (db, ws, id, args) => {
      if (args.chunk === 1) throw new Error("canceling statement due to statement timeout");
      const real = await vi.importActual<typeof import("@/lib/exports/build-segment-export")>("@/lib/exports/build-segment-export");
      return real.buildSegmentExportChunk(db, ws, id, args);
    });
    const { EmbeddedRunner } = await import("@/lib/jobs/embedded-runner");
    const runner = new EmbeddedRunner([exportSegment], { retryBaseMs: 1, log: { info: vi.fn(), error: vi.fn() } });
    runner.send(event);
    await runner.idle();
    vi.mocked(buildSegmentExportChunk).mockReset();

    expect(runner.runs[0]).toMatchObject({ status: "failed" });
    // Chunk 0 ran once (memoised); chunk 1 was retried on every attempt.
    expect(await exportRow(exportId)).toMatchObject({ status: "failed", error: "The export failed: canceling statement due to statement timeout", expiresAt: null });
    expect(await partCount(exportId)).toBe(0);
    expect(await snapshotCount(exportId)).toBe(0);
  });

  it("builds waves of parallel chunks in one process into one file in member order", async () => {
    process.env.LUMEN_EXPORT_PARALLEL_CHUNKS = "2";
    try {
      const { exportId, event } = await newExport();
      const { EmbeddedRunner } = await import("@/lib/jobs/embedded-runner");
      const runner = new EmbeddedRunner([exportSegment], { retryBaseMs: 1, log: { info: vi.fn(), error: vi.fn() } });
      runner.send(event);
      await runner.idle();

      expect(runner.runs[0]).toMatchObject({ status: "completed" });
      // 7 members in chunks of 3: waves [0, 1] and [2], each chunk built once.
      expect(vi.mocked(buildSegmentExportChunk).mock.calls.map((c) => c[3].chunk).sort()).toEqual([0, 1, 2]);
      expect(attachmentText(await latestMail())).toBe(await expectedCsv(memberIds));
      expect(await exportRow(exportId)).toMatchObject({ status: "sent", rowCount: 7, rowsWritten: 7 });
    } finally {
      delete process.env.LUMEN_EXPORT_PARALLEL_CHUNKS;
    }
  });
});
