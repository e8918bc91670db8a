import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { segments } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { expectedIds, memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import { createWriteKey, post } from "@/tests/helpers/ingest";
import { getEmbeddedRunner } from "@/lib/jobs/send-job-event";
import type { ConditionTree } from "./condition-schema";
import { createSegment } from "./create-segment";
import { updateSegmentConditions } from "./update-segment-conditions";

/**
 * Property: after any stream of identifies, tracks, pages and definition edits applied
 * through the real path (HTTP handler → job event → real-time job / recompute job), each
 * segment's membership equals a from-scratch evaluation, its member_count is right, and
 * its history of entries and exits replays to exactly its members.
 */

const DAY = 86_400_000;
const users = ["u1", "u2", "u3", "u4", "u5", "u6"];

const trees: ConditionTree[] = [
  { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "is_one_of", values: ["pro", "enterprise"] } }] },
  {
    type: "group",
    operator: "and",
    conditions: [{ type: "event", event: "order_completed", operator: "performed", count: { operator: "at_least", value: 2 }, window: { type: "last", amount: 30, unit: "days" }, filters: [] }],
  },
  {
    type: "group",
    operator: "and",
    conditions: [
      { type: "event", event: "email_opened", operator: "performed", window: { type: "last", amount: 90, unit: "days" }, filters: [] },
      { type: "event", event: "order_completed", operator: "did_not_perform", window: { type: "last", amount: 60, unit: "days" }, filters: [] },
    ],
  },
  {
    type: "group",
    operator: "or",
    conditions: [
      { type: "event", event: "order_completed", operator: "performed", window: { type: "ever" }, filters: [{ key: "amount", filter: { operator: "gt", value: 100 } }] },
      { type: "attribute", key: "lifetime_value", filter: { operator: "gte", value: 500 } },
    ],
  },
  { type: "group", operator: "and", conditions: [{ type: "attribute", key: "plan", filter: { operator: "not_equals", valueType: "string", value: "free" } }, { type: "location", field: "country", operator: "is_one_of", values: ["DE", "FR"] }] },
  { type: "group", operator: "and", conditions: [{ type: "event", event: "page_viewed", operator: "performed", count: { operator: "at_most", value: 1 }, window: { type: "last", amount: 7, unit: "days" }, filters: [] }] },
];

type Op =
  | { kind: "identify"; user: string; plan?: string; ltv?: number; country?: string }
  | { kind: "track"; user: string; event: string; amount: number; daysAgo: number }
  | { kind: "page"; user: string; daysAgo: number }
  | { kind: "edit"; segment: number; tree: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("identify" as const),
    user: fc.constantFrom(...users),
    plan: fc.option(fc.constantFrom("free", "pro", "enterprise"), { nil: undefined }),
    ltv: fc.option(fc.constantFrom(0, 120, 499, 500, 900), { nil: undefined }),
    country: fc.option(fc.constantFrom("DE", "FR", "US"), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("track" as const),
    user: fc.constantFrom(...users),
    event: fc.constantFrom("order_completed", "email_opened"),
    amount: fc.constantFrom(20, 100, 101, 250),
    daysAgo: fc.constantFrom(0, 1, 10, 29, 31, 59, 61, 89, 100),
  }),
  fc.record({ kind: fc.constant("page" as const), user: fc.constantFrom(...users), daysAgo: fc.constantFrom(0, 3, 8) }),
  fc.record({ kind: fc.constant("edit" as const), segment: fc.nat(), tree: fc.nat() }),
);

let t: TestDb;
let run = 0;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await getEmbeddedRunner().idle();
  await t.close();
});

describe("incrementally maintained membership equals a fresh recompute", () => {
  it("after random streams of identifies, tracks, pages and definition edits", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        run += 1;
        const workspaceId = await createWorkspace(t.db, `stream ${run}`);
        const key = await createWriteKey(t.db, workspaceId);
        const runner = getEmbeddedRunner();
        const created = [];
        for (const [i, tree] of trees.entries()) created.push(await createSegment(t.db, workspaceId, { name: `S${i}`, type: "automatic", conditions: tree }, { actorUserId: null }));
        // A segment built on another one: changes must cascade.
        const vip: ConditionTree = {
          type: "group",
          operator: "or",
          conditions: [
            { type: "segment", operator: "in", segmentId: created[1].publicId },
            { type: "segment", operator: "not_in", segmentId: created[0].publicId },
          ],
        };
        created.push(await createSegment(t.db, workspaceId, { name: "VIP", type: "automatic", conditions: vip }, { actorUserId: null }));
        await runner.idle();

        let n = 0;
        for (const o of ops) {
          n += 1;
          const messageId = `r${run}-${n}`;
          if (o.kind === "identify") {
            const traits = { ...(o.plan && { plan: o.plan }), ...(o.ltv !== undefined && { lifetime_value: o.ltv }), ...(o.country && { country: o.country }) };
            expect((await post("identify", { userId: o.user, traits, messageId }, key)).status).toBe(200);
          } else if (o.kind === "track") {
            const timestamp = new Date(Date.now() - o.daysAgo * DAY).toISOString();
            expect((await post("track", { userId: o.user, event: o.event, properties: { amount: o.amount }, timestamp, messageId }, key)).status).toBe(200);
          } else if (o.kind === "page") {
            const timestamp = new Date(Date.now() - o.daysAgo * DAY).toISOString();
            expect((await post("page", { userId: o.user, name: "Home", timestamp, messageId }, key)).status).toBe(200);
          } else {
            // Edits only among the first segments, so the cascade segment keeps its references valid.
            const target = created[o.segment % trees.length];
            await updateSegmentConditions(t.db, workspaceId, target.publicId, trees[o.tree % trees.length], { actorUserId: null });
          }
          await runner.idle();
        }

        for (const segment of created) {
          const [row] = await t.db.select().from(segments).where(eq(segments.id, segment.id));
          const expected = await expectedIds(t.db, workspaceId, row.conditions as ConditionTree);
          const members = await memberIds(t.db, segment.id);
          expect({ segment: row.name, members }).toEqual({ segment: row.name, members: expected });
          expect(await membersFromHistory(t.db, segment.id)).toEqual(expected);
          expect(row.memberCount).toBe(expected.length);
          expect(row.computeStatus).toBe("ready");
        }
      }),
      { numRuns: Number(process.env.STREAM_RUNS ?? 15), seed: process.env.STREAM_SEED ? Number(process.env.STREAM_SEED) : undefined },
    );
  }, 300_000);
});
