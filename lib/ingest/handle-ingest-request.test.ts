import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiKeys } from "@/db/schema";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { hashApiKey } from "@/lib/api-keys/hash-api-key";
import { WRITE_KEY_TRUST_MS } from "@/lib/api-keys/authenticate-write-key";
import { basicAuth, createWriteKey, ingestRoutes, post, tableCounts, type Endpoint } from "@/tests/helpers/ingest";

vi.mock("@/lib/jobs/send-job-event", () => ({ sendJobEvent: vi.fn(async () => undefined) }));

let t: TestDb;
let workspaceId: string;
let key: string;
beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db);
  key = await createWriteKey(t.db, workspaceId);
});
afterAll(async () => t.close());

const track = (extra: Record<string, unknown> = {}) => ({ type: "track", userId: "u-1", event: "Clicked", ...extra });

/** Sends a request that must be refused: checks status, message, and that no table changed. */
async function expectRejected(
  endpoint: Endpoint,
  body: unknown,
  expected: { status: number; error: RegExp; index?: number; path?: string },
  options: { key?: string | null; headers?: Record<string, string> } = {},
) {
  const before = await tableCounts(t.db);
  const result = await post(endpoint, body, options.key === undefined ? key : options.key, options.headers);
  expect(result.status).toBe(expected.status);
  expect(result.json.error).toMatch(expected.error);
  expect(result.json).not.toHaveProperty("success");
  if (expected.index !== undefined) {
    expect(result.json.details?.[0]).toMatchObject({ index: expected.index, ...(expected.path !== undefined && { path: expected.path }) });
  }
  expect(await tableCounts(t.db)).toEqual(before);
  return result.json;
}

describe("write key", () => {
  it("accepts the key as Basic username with an empty password, or as writeKey in the body", async () => {
    expect(await post("track", track(), key)).toEqual({ status: 200, json: { success: true } });
    expect((await post("track", { ...track(), writeKey: key }, null)).status).toBe(200);
    // Segment libraries that put a password after the colon still authenticate by the username.
    const withPassword = `Basic ${Buffer.from(`${key}:ignored`).toString("base64")}`;
    expect((await post("track", track(), null, { authorization: withPassword })).status).toBe(200);
  });

  it("marks every answer no-transform (so `next start` does not gzip a 16-byte answer), refusals included", async () => {
    for (const [authorization, status] of [[basicAuth(key), 200], ["Basic bm9wZTo=", 401]] as const) {
      const response = await ingestRoutes["/api/v1/track"].POST(
        new Request("http://lumen.test/api/v1/track", { method: "POST", headers: { "content-type": "application/json", authorization }, body: JSON.stringify(track()) }),
      );
      const text = await response.text();
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
      expect(JSON.parse(text)).toHaveProperty(status === 200 ? "success" : "error");
    }
  });

  it("refuses a missing, wrong, revoked or non-write key with 401 and stores nothing", async () => {
    const revoked = await createWriteKey(t.db, workspaceId, { revoked: true });
    const secret = await createWriteKey(t.db, workspaceId, { kind: "secret" });
    const cases: [unknown, string | null, Record<string, string>?][] = [
      [track(), null],
      [track(), "lk_write_wrong"],
      [track(), revoked],
      [track(), secret],
      [{ ...track(), writeKey: revoked }, null],
      [{ ...track(), writeKey: 42 }, null],
      // A wrong header is not rescued by a right key in the body.
      [{ ...track(), writeKey: key }, "lk_write_wrong"],
      [track(), null, { authorization: `Bearer ${key}` }],
      [track(), null, { authorization: "Basic" }],
    ];
    for (const [body, k, headers] of cases) {
      await expectRejected("track", body, { status: 401, error: /write key/ }, { key: k, headers });
    }
    const response = await post("batch", { batch: [track()] }, "nope");
    expect(response.status).toBe(401);
  });

  it("records last_used_at, at most once a minute", async () => {
    const fresh = await createWriteKey(t.db, workspaceId);
    const lastUsed = async () =>
      (await t.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.hash, hashApiKey(fresh))))[0].at;
    expect(await lastUsed()).toBeNull();
    await post("track", track(), fresh);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await post("track", track(), fresh);
    expect(await lastUsed()).toEqual(first);
    await t.db.execute(sql`UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE hash = ${hashApiKey(fresh)}`);
    // The key is looked up again (and touched) once this process stops trusting its last check.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + WRITE_KEY_TRUST_MS + 1);
    await post("track", track(), fresh);
    vi.useRealTimers();
    expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("other Segment calls", () => {
  it("skips group, alias and screen calls in a batch instead of refusing the whole batch", async () => {
    const before = await tableCounts(t.db);
    const response = await post(
      "batch",
      {
        batch: [
          { type: "group", userId: "u-skip", groupId: "acme", messageId: "g-1" },
          { type: "alias", userId: "u-skip", previousId: "anon-1", messageId: "a-1" },
          { type: "screen", userId: "u-skip", name: "Home", messageId: "s-1" },
          track({ userId: "u-skip", messageId: "t-skip-1" }),
        ],
      },
      key,
    );
    expect(response.status).toBe(200);
    const after = await tableCounts(t.db);
    expect(after.events - before.events).toBe(1);
    expect(after.customers - before.customers).toBe(1);
  });
});

describe("bad input", () => {
  it("refuses bodies that are not a JSON object", async () => {
    await expectRejected("track", "{not json", { status: 400, error: /not valid JSON/ });
    await expectRejected("track", "", { status: 400, error: /empty/ });
    await expectRejected("track", "[1,2]", { status: 400, error: /JSON object/ });
    await expectRejected("track", '"text"', { status: 400, error: /JSON object/ });
    await expectRejected("batch", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { status: 400, error: /UTF-8/ });
  });

  it("refuses a batch with one bad message, naming its index, and stores none of the good ones", async () => {
    const good = Array.from({ length: 5 }, (_, i) => track({ messageId: `good-${i}` }));
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [{ type: "track", event: "No one" }, /userId is missing: every message needs a userId, an anonymousId or traits.email; nothing was stored/, "userId"],
      [{ type: "purchase", userId: "u" }, /must be identify, track or page; got "purchase"/, "type"],
      [{ userId: "u", event: "Untyped" }, /type is required/, "type"],
      [{ type: "track", userId: "u" }, /event is required/, "event"],
      [{ type: "track", userId: "u", event: 42 }, /event is required and must be a string/, "event"],
      [{ type: "track", userId: "u", event: "E", properties: [1, 2] }, /properties must be an object/, "properties"],
      [{ type: "identify", userId: "u", traits: "vip" }, /traits must be an object/, "traits"],
      [{ type: "identify", userId: { id: 1 } }, /userId must be a string/, "userId"],
      [{ type: "identify", userId: "u", traits: { email: 7 } }, /traits.email must be a string/, "traits.email"],
      [{ type: "identify", userId: "u", traits: { email: "not-an-email" } }, /traits.email must be an email address/, "traits.email"],
      [{ type: "identify", userId: "u", context: { location: { country: 49 } } }, /context.location.country must be a string/, "context.location.country"],
      [{ type: "track", userId: "u", event: "E", timestamp: "yesterday" }, /timestamp must be an ISO 8601/, "timestamp"],
      [{ type: "track", userId: "u", event: "E", timestamp: "2024-02-30T10:00:00Z" }, /timestamp must be an ISO 8601/, "timestamp"],
      [{ type: "track", userId: "u", event: "E", timestamp: 1700000000000 }, /timestamp must be an ISO 8601/, "timestamp"],
      [{ type: "track", userId: "u", event: "E", properties: { note: "a\u0000b" } }, /properties.note contains a NUL character/, "properties.note"],
      [{ type: "track", userId: "x".repeat(300), event: "E" }, /userId must be at most 255 characters/, "userId"],
      [{ type: "track", userId: "u", event: "E", properties: { deep: nest(40) } }, /nests deeper than 32 levels/, ""],
    ];
    for (const [bad, error, path] of cases) {
      const json = await expectRejected(
        "batch",
        { batch: [...good.slice(0, 3), bad, ...good.slice(3)] },
        { status: 400, error: new RegExp(`^Invalid message at index 3: .*${error.source}`), index: 3 },
      );
      if (path) expect(json.details?.[0].path).toBe(path);
    }
    await expectRejected("batch", { batch: [good[0], "track"] }, { status: 400, error: /index 1: batch\[1\] must be a JSON object/, index: 1 });
  });

  it("answers 400, not 500, to a message nested 5,000 levels deep (about 10 KB), on every endpoint", async () => {
    const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const message = `{"type":"track","userId":"u","event":"E","properties":${deep(5000)}}`;
    for (const [endpoint, body] of [
      ["track", message],
      ["batch", `{"batch":[${message}]}`],
      ["identify", `{"userId":"u","traits":{"list":${"[".repeat(5000)}${"]".repeat(5000)}}}`],
    ] as const) {
      await expectRejected(endpoint, body, { status: 400, error: /nests deeper than 64 levels/ });
    }
    // Brackets inside strings are text, not nesting.
    expect((await post("track", track({ properties: { note: "[".repeat(5000) } }), key)).status).toBe(200);
  });

  it("refuses what it would store changed: ids beyond 2^53, numbers like 1e400, timestamps far in the future", async () => {
    const raw = (fields: string) => `{"type":"track","event":"E",${fields}}`;
    await expectRejected("track", raw(`"userId":9007199254740993`), { status: 400, error: /userId is a number too large to be exact/ });
    await expectRejected("batch", `{"batch":[${raw(`"userId":"u","anonymousId":-9007199254740993`)}]}`, { status: 400, error: /anonymousId is a number too large/, index: 0 });
    await expectRejected("track", raw(`"userId":"u","properties":{"amount":1e400}`), { status: 400, error: /number too large to store \(like 1e400\)/ });
    await expectRejected("batch", `{"batch":[${raw(`"userId":"u","properties":{"amount":-${"9".repeat(400)}}`)}]}`, { status: 400, error: /number too large to store/ });
    await expectRejected("track", track({ timestamp: "9999-12-31T23:59:59Z" }), { status: 400, error: /timestamp is more than 24 hours in the future/ });
    await expectRejected("track", track({ originalTimestamp: new Date(Date.now() + 25 * 3_600_000).toISOString() }), { status: 400, error: /originalTimestamp is more than 24 hours/ });
    // Still accepted: safe numeric ids (stored as their text), a clock an hour ahead, big but finite numbers.
    expect((await post("track", raw(`"userId":9007199254740991`), key)).status).toBe(200);
    expect((await post("track", track({ timestamp: new Date(Date.now() + 3_600_000).toISOString(), properties: { big: 1e300 } }), key)).status).toBe(200);
    expect((await post("track", raw(`"userId":"u","properties":{"small":1e-400,"exact":1.5e3}`), key)).status).toBe(200);
  });

  it("lists every bad message of a batch", async () => {
    const json = await expectRejected(
      "batch",
      { batch: [track({ timestamp: "soon" }), track(), track({ event: "" }), track({ userId: null })] },
      { status: 400, error: /index 0: .*\(and 2 more problems\)/, index: 0 },
    );
    expect(json.details?.map((d) => d.index)).toEqual([0, 2, 3]);
  });

  it("refuses batch bodies of the wrong shape", async () => {
    await expectRejected("batch", { messages: [track()] }, { status: 400, error: /batch must be an array/ });
    await expectRejected("batch", { batch: {} }, { status: 400, error: /batch must be an array/ });
    await expectRejected("batch", { batch: [] }, { status: 400, error: /at least one message/ });
  });

  it("refuses a single-message endpoint given another type", async () => {
    await expectRejected("identify", { type: "track", userId: "u", event: "E" }, { status: 400, error: /type must be "identify" at this endpoint/, index: 0 });
    await expectRejected("page", { anonymousId: "a", properties: "x" }, { status: 400, error: /^Invalid message: properties must be an object/ });
  });
});

describe("limits", () => {
  it("refuses a request over 500 KB, a message over 32 KB and more than 2,500 messages with 413", async () => {
    const big = "x".repeat(30 * 1024);
    const batch = Array.from({ length: 18 }, (_, i) => track({ messageId: `big-${i}`, properties: { big } }));
    await expectRejected("batch", { batch }, { status: 413, error: /exceeds 500 KB/ });
    await expectRejected("track", track({ properties: { big: big + big } }), { status: 413, error: /message may be at most 32 KB/ });
    await expectRejected(
      "batch",
      { batch: [track(), track({ properties: { big: big + big } })] },
      { status: 413, error: /index 1: batch\[1\] is 61 KB; a message may be at most 32 KB/, index: 1 },
    );
    const many = Array.from({ length: 2501 }, () => ({ type: "track", userId: "u", event: "E" }));
    await expectRejected("batch", { batch: many }, { status: 413, error: /at most 2500/ });
    // Exactly at the limits is fine.
    const atLimit = Array.from({ length: 2500 }, (_, i) => ({ type: "track", userId: `limit-${i % 50}`, event: "E", messageId: `limit-${i}` }));
    expect((await post("batch", { batch: atLimit }, key)).status).toBe(200);
  });

  it("accepts a gzip-compressed body and refuses one that inflates past the limit", async () => {
    const before = await tableCounts(t.db);
    const body = gzipSync(JSON.stringify({ batch: [track({ messageId: "gz-1" })] }));
    expect((await post("batch", new Uint8Array(body), key, { "content-encoding": "gzip" })).status).toBe(200);
    expect((await tableCounts(t.db)).events).toBe(before.events + 1);

    const bomb = gzipSync(JSON.stringify({ batch: [track({ properties: { pad: "a".repeat(600 * 1024) } })] }));
    await expectRejected("batch", new Uint8Array(bomb), { status: 413, error: /exceeds 500 KB/ }, { headers: { "content-encoding": "gzip" } });
    await expectRejected("batch", new Uint8Array([1, 2, 3]), { status: 400, error: /not valid gzip/ }, { headers: { "content-encoding": "gzip" } });
    await expectRejected("batch", "{}", { status: 415, error: /Content-Encoding "br"/ }, { headers: { "content-encoding": "br" } });
  });
});

describe("failures", () => {
  it("rolls back every write of a request when a statement fails", async () => {
    const before = await tableCounts(t.db);
    const { ingestMessages } = await import("./ingest-messages");
    const now = new Date().toISOString();
    // Validation caps messageId at 255 characters; bypass it to make the events insert fail
    // (an incompressible 13 KB key overflows the index) after the customer was created.
    const hugeId = randomBytes(10_000).toString("base64");
    await expect(
      ingestMessages(t.db, workspaceId, [
        { type: "identify", userId: "rollback-1", messageId: "i", timestamp: now, traits: { a: 1 }, location: {} },
        { type: "track", userId: "rollback-1", messageId: hugeId, timestamp: now, event: { name: "E", properties: {} } },
      ]),
    ).rejects.toThrow();
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it("answers 500, which Segment SDKs retry, when the database fails", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const transaction = vi.spyOn(t.db, "transaction").mockRejectedValueOnce(new Error("connection lost"));
    const result = await post("track", track(), key);
    expect(result).toEqual({ status: 500, json: { error: "Internal error; the request can be retried" } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining("[ingest] track failed"));
    transaction.mockRestore();
    log.mockRestore();
  });
});

it("sends Basic auth exactly as Segment's SDKs build it", () => {
  expect(basicAuth("abc")).toBe(`Basic ${btoa("abc:")}`);
});

function nest(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = { n: value };
  return value;
}
