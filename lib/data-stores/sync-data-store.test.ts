import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { customers, segmentMembers, segments } from "@/db/schema";
import { getEmbeddedRunner } from "@/lib/jobs/send-job-event";
import { duplicateSegment } from "@/lib/segments/duplicate-segment";
import { changeManualSegmentMembers } from "@/lib/segments/membership/change-manual-members";
import { memberSourceBits } from "@/lib/segments/membership/member-sources";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { createWriteKey, post } from "@/tests/helpers/ingest";
import { insertManualSegment, memberCountOf } from "@/tests/helpers/manual-fixtures";
import { memberIds, membersFromHistory } from "@/tests/helpers/segment-fixtures";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createDataStore } from "./create-data-store";
import { deleteDataStore } from "./delete-data-store";
import { getDataStoreOrThrow } from "./get-data-store";
import { linkDataStore, unlinkDataStore } from "./link-data-store";
import { syncDataStore } from "./sync-data-store";
import { writeDataStoreRecords } from "./write-data-store-records";

let t: TestDb;
let workspaceId: string;
let ids: number[];
const emails = ["ana@example.com", "bo@example.com", "cy@example.com", "di@example.com"];

beforeAll(async () => {
  t = await createTestDb();
  workspaceId = await createWorkspace(t.db, "Stores");
  const rows = await t.db
    .insert(customers)
    .values(emails.map((email, i) => ({ workspaceId, email: i === 0 ? "Ana@Example.com" : email, externalId: `u${i + 1}` })))
    .returning({ id: customers.id });
  ids = rows.map((r) => toNumber(r.id));
});
afterAll(async () => {
  await (await getEmbeddedRunner()).idle();
  await t.close();
});

const idle = async () => (await getEmbeddedRunner()).idle();
const write = (store: string, changes: { upsert?: { key: string; customer: string; data?: Record<string, unknown> }[]; delete?: string[] }) =>
  writeDataStoreRecords(t.db, workspaceId, store, { upsert: (changes.upsert ?? []).map((r) => ({ data: {}, ...r })), delete: changes.delete ?? [] }, { actorUserId: null, via: "api" });

async function storeMembers(segmentId: number) {
  const rows = await t.db.select({ id: segmentMembers.customerId, sources: segmentMembers.sources }).from(segmentMembers).where(eq(segmentMembers.segmentId, segmentId));
  return rows.filter((r) => (r.sources & memberSourceBits.data_store) !== 0).map((r) => toNumber(r.id)).sort((a, b) => a - b);
}

async function linkedSetup(kind: "email" | "external_id" = "email", filter: Parameters<typeof linkDataStore>[2]["filter"] = null) {
  const store = await createDataStore(t.db, workspaceId, { name: `Store ${Math.random()}`, identifierKind: kind }, { actorUserId: null });
  const seg = await insertManualSegment(t.db, workspaceId, "Linked");
  await linkDataStore(t.db, workspaceId, { segmentPublicId: seg.publicId, dataStorePublicId: store.publicId, filter }, { actorUserId: null });
  await idle();
  return { store, seg };
}

describe("data store sync", () => {
  it("a record added adds its customer, a changed record moves membership, a deleted record removes it", async () => {
    const { store, seg } = await linkedSetup();
    expect(await write(store.publicId, { upsert: [{ key: "r1", customer: "ANA@example.com" }, { key: "r2", customer: "bo@example.com" }, { key: "r3", customer: "nobody@example.com" }] })).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      notFound: 0,
    });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[0], ids[1]]);
    expect(await memberCountOf(t.db, seg.id)).toBe(2);

    // r2 now names cy: bo leaves, cy joins. r1 written unchanged changes nothing.
    expect(await write(store.publicId, { upsert: [{ key: "r1", customer: "ana@example.com" }, { key: "r2", customer: "cy@example.com" }] })).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[0], ids[2]]);

    expect(await write(store.publicId, { delete: ["r1", "missing"] })).toMatchObject({ deleted: 1, notFound: 1 });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[2]]);
    expect(await membersFromHistory(t.db, seg.id)).toEqual([ids[2]]);
    expect(await memberCountOf(t.db, seg.id)).toBe(1);
    expect((await getDataStoreOrThrow(t.db, workspaceId, store.publicId)).recordCount).toBe(2);
    const [link] = await t.db.select({ sync: segments.dataStoreSync }).from(segments).where(eq(segments.id, seg.id));
    expect(link.sync).toMatchObject({ status: "ok", kind: "incremental", added: 0, removed: 1 });
  });

  it("a store removes only what it added: a member also added by hand stays, and leaves when the hand removes them too", async () => {
    const { store, seg } = await linkedSetup("external_id");
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "selection", customers: { ids: [ids[0]] }, actorUserId: null });
    await write(store.publicId, { upsert: [{ key: "a", customer: "u1" }, { key: "b", customer: "u2" }] });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[0], ids[1]]);
    expect(await storeMembers(seg.id)).toEqual([ids[0], ids[1]]);
    await write(store.publicId, { delete: ["a", "b"] });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[0]]);
    expect(await storeMembers(seg.id)).toEqual([]);
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "remove", source: "selection", customers: { ids: [ids[0]] }, actorUserId: null });
    expect(await memberIds(t.db, seg.id)).toEqual([]);
  });

  it("the link's filter decides which records count; changing a record's fields moves its customer in or out", async () => {
    const { store, seg } = await linkedSetup("email", { field: "plan", operator: "in", values: ["pro", "team"] });
    await write(store.publicId, { upsert: [{ key: "1", customer: "ana@example.com", data: { plan: "pro" } }, { key: "2", customer: "bo@example.com", data: { plan: "free" } }, { key: "3", customer: "cy@example.com" }] });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[0]]);
    await write(store.publicId, { upsert: [{ key: "1", customer: "ana@example.com", data: { plan: "free" } }, { key: "2", customer: "bo@example.com", data: { plan: "team" } }] });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[1]]);
    // Relinking with another filter resyncs the link in full.
    await linkDataStore(t.db, workspaceId, { segmentPublicId: seg.publicId, dataStorePublicId: store.publicId, filter: { field: "plan", operator: "exists", values: [] } }, { actorUserId: null });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[0], ids[1]]);
  });

  it("records written before the link count from the link on; a customer who appears later (identify) joins", async () => {
    const store = await createDataStore(t.db, workspaceId, { name: "Later", identifierKind: "email" }, { actorUserId: null });
    await write(store.publicId, { upsert: [{ key: "k1", customer: "di@example.com" }, { key: "k2", customer: "newcomer@example.com" }] });
    const seg = await insertManualSegment(t.db, workspaceId, "Later");
    await linkDataStore(t.db, workspaceId, { segmentPublicId: seg.publicId, dataStorePublicId: store.publicId, filter: null }, { actorUserId: null });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[3]]);

    const key = await createWriteKey(t.db, workspaceId);
    const res = await post("identify", { userId: "new-1", traits: { email: "Newcomer@Example.com" } }, key);
    expect(res.status).toBe(200);
    await idle();
    const [newcomer] = await t.db.select({ id: customers.id }).from(customers).where(eq(customers.externalId, "new-1"));
    expect(await memberIds(t.db, seg.id)).toEqual([ids[3], toNumber(newcomer.id)].sort((a, b) => a - b));
  });

  it("unlink and delete remove what the store added and keep what a person added; delete unlinks every segment", async () => {
    const { store, seg } = await linkedSetup();
    const other = await insertManualSegment(t.db, workspaceId, "Other");
    await linkDataStore(t.db, workspaceId, { segmentPublicId: other.publicId, dataStorePublicId: store.publicId, filter: null }, { actorUserId: null });
    await write(store.publicId, { upsert: [{ key: "x", customer: "ana@example.com" }, { key: "y", customer: "bo@example.com" }] });
    await idle();
    await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: "add", source: "csv", customers: { ids: [ids[1]] }, actorUserId: null });
    expect(await unlinkDataStore(t.db, workspaceId, seg.publicId, { actorUserId: null })).toEqual({ removed: 1 });
    expect(await memberIds(t.db, seg.id)).toEqual([ids[1]]);
    expect(await memberIds(t.db, other.id)).toEqual([ids[0], ids[1]]);

    expect(await deleteDataStore(t.db, workspaceId, store.publicId, { actorUserId: null })).toEqual({ unlinked: 1, removed: 2 });
    expect(await memberIds(t.db, other.id)).toEqual([]);
    expect(await memberCountOf(t.db, other.id)).toBe(0);
    const [row] = await t.db.select({ ds: segments.dataStoreId }).from(segments).where(eq(segments.id, other.id));
    expect(row.ds).toBeNull();
    const left = await queryRows<{ n: unknown }>(t.db, sql`SELECT count(*) AS n FROM data_store_records r JOIN data_stores d ON d.id = r.data_store_id WHERE d.public_id = ${store.publicId}`);
    expect(toNumber(left[0].n)).toBe(0);
    await expect(getDataStoreOrThrow(t.db, workspaceId, store.publicId)).rejects.toThrow(/does not exist/);
  });

  it("a copy (Duplicate) of a linked segment keeps the store's members as hand-added: the store never removes them, a person does", async () => {
    const { store, seg } = await linkedSetup();
    await write(store.publicId, { upsert: [{ key: "r1", customer: "ana@example.com" }, { key: "r2", customer: "bo@example.com" }] });
    await idle();
    const { publicId } = await duplicateSegment(t.db, workspaceId, seg.publicId, { actorUserId: null });
    await idle();
    const [copy] = await t.db.select({ id: segments.id, ds: segments.dataStoreId }).from(segments).where(eq(segments.publicId, publicId));
    expect(copy.ds).toBeNull();
    expect(await memberIds(t.db, copy.id)).toEqual([ids[0], ids[1]]);
    // Shown as "Picked by hand" on the customer page and members list, like a "Save as manual segment" copy.
    const rows = await t.db.select({ source: segmentMembers.source, sources: segmentMembers.sources }).from(segmentMembers).where(eq(segmentMembers.segmentId, copy.id));
    expect(rows).toEqual([
      { source: "selection", sources: memberSourceBits.selection },
      { source: "selection", sources: memberSourceBits.selection },
    ]);

    // The original's store deletes a record: the original loses the member, the copy keeps it.
    await write(store.publicId, { delete: ["r1"] });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([ids[1]]);
    expect(await memberIds(t.db, copy.id)).toEqual([ids[0], ids[1]]);

    // Even when the copy later follows the same store, the store removes only what it adds.
    await linkDataStore(t.db, workspaceId, { segmentPublicId: publicId, dataStorePublicId: store.publicId, filter: null }, { actorUserId: null });
    await idle();
    await write(store.publicId, { delete: ["r2"] });
    await idle();
    expect(await memberIds(t.db, seg.id)).toEqual([]);
    expect(await memberIds(t.db, copy.id)).toEqual([ids[0], ids[1]]);

    // A person's removal removes it.
    await changeManualSegmentMembers(t.db, workspaceId, publicId, { op: "remove", source: "selection", customers: { ids: [ids[0]] }, actorUserId: null });
    expect(await memberIds(t.db, copy.id)).toEqual([ids[1]]);
    expect(await membersFromHistory(t.db, copy.id)).toEqual([ids[1]]);
    expect(await memberCountOf(t.db, copy.id)).toBe(1);
  });

  it("refuses identifiers of the wrong kind, a key twice, or a key both written and deleted, writing nothing", async () => {
    const store = await createDataStore(t.db, workspaceId, { name: "Strict", identifierKind: "email" }, { actorUserId: null });
    await expect(write(store.publicId, { upsert: [{ key: "a", customer: "not-an-email" }] })).rejects.toThrow(/not an email address/);
    await expect(write(store.publicId, { upsert: [{ key: "a", customer: "a@b.co" }, { key: "a", customer: "c@d.co" }] })).rejects.toThrow(/appears twice/);
    await expect(write(store.publicId, { upsert: [{ key: "a", customer: "a@b.co" }], delete: ["a"] })).rejects.toThrow(/also in upsert/);
    expect((await getDataStoreOrThrow(t.db, workspaceId, store.publicId)).recordCount).toBe(0);
  });
});

/**
 * Property: whatever sequence of record writes, changes and deletes (and hand additions)
 * happens, the membership the incremental syncs maintain is what a full resync computes —
 * a full resync afterwards changes nothing — and it equals a reference evaluated in JS.
 */
describe("incremental sync equals a full resync (property)", () => {
  const who = ["ana@example.com", "bo@example.com", "cy@example.com", "di@example.com", "ghost@example.com"];
  const op = fc.oneof(
    fc.record({ type: fc.constant("put" as const), key: fc.constantFrom("k1", "k2", "k3", "k4", "k5"), customer: fc.constantFrom(...who), tier: fc.constantFrom("gold", "silver", undefined) }),
    fc.record({ type: fc.constant("delete" as const), key: fc.constantFrom("k1", "k2", "k3", "k4", "k5") }),
    fc.record({ type: fc.constant("hand" as const), customer: fc.integer({ min: 0, max: 3 }), add: fc.boolean() }),
  );

  it("holds for random operations", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.boolean(), async (batches, filtered) => {
        const filter = filtered ? ({ field: "tier", operator: "equals", values: ["gold"] } as const) : null;
        const { store, seg } = await linkedSetup("email", filter ? { ...filter, values: [...filter.values] } : null);
        const records = new Map<string, { customer: string; tier?: string }>();
        const hand = new Set<number>();
        for (const batch of batches) {
          // One API call per batch: the last operation on a key wins within it.
          const puts = new Map<string, { key: string; customer: string; data: Record<string, unknown> }>();
          const deletes = new Set<string>();
          for (const o of batch) {
            if (o.type === "put") {
              deletes.delete(o.key);
              puts.set(o.key, { key: o.key, customer: o.customer, data: o.tier ? { tier: o.tier } : {} });
            } else if (o.type === "delete") {
              puts.delete(o.key);
              deletes.add(o.key);
            } else {
              await changeManualSegmentMembers(t.db, workspaceId, seg.publicId, { op: o.add ? "add" : "remove", source: "selection", customers: { ids: [ids[o.customer]] }, actorUserId: null });
              if (o.add) hand.add(ids[o.customer]);
              else hand.delete(ids[o.customer]);
            }
          }
          if (puts.size + deletes.size > 0) await write(store.publicId, { upsert: [...puts.values()], delete: [...deletes] });
          for (const p of puts.values()) records.set(p.key, { customer: p.customer, tier: p.data.tier as string | undefined });
          for (const d of deletes) records.delete(d);
        }
        await idle();
        const expectedStore = new Set<number>();
        for (const r of records.values()) {
          const i = emails.indexOf(r.customer);
          if (i >= 0 && (!filter || r.tier === "gold")) expectedStore.add(ids[i]);
        }
        const sort = (s: Iterable<number>) => [...s].sort((a, b) => a - b);
        expect(await storeMembers(seg.id)).toEqual(sort(expectedStore));
        expect(await memberIds(t.db, seg.id)).toEqual(sort(new Set([...expectedStore, ...hand])));
        const full = await syncDataStore(t.db, workspaceId, await getDataStoreOrThrow(t.db, workspaceId, store.publicId), { kind: "full" });
        expect(full[seg.publicId]).toEqual({ added: 0, removed: 0 });
        expect(await memberCountOf(t.db, seg.id)).toBe(new Set([...expectedStore, ...hand]).size);
        expect(await membersFromHistory(t.db, seg.id)).toEqual(await memberIds(t.db, seg.id));
        await deleteDataStore(t.db, workspaceId, store.publicId, { actorUserId: null });
      }),
      { numRuns: 25 },
    );
  });
});
