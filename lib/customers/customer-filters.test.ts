import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { customers, segmentMembers } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { insertManualSegment } from "@/tests/helpers/manual-fixtures";
import { compileCustomerFilters, countMatchingCustomers, matchingCustomerIdsSql } from "./customer-filter-sql";
import { customerFiltersSchema, describeFilters, parseCustomerFilters, type CustomerFilters } from "./customer-filters";
import { listCustomers } from "./list-customers";

let t: TestDb;
let a: string;
let b: string;
let ids: number[];
let segmentPublicId: string;
const now = new Date("2026-06-01T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

type Row = { country: string | null; seen: Date | null; plan?: unknown; name?: string };
// 40 customers with a spread of countries, last-seen times and plans; B has look-alikes.
const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({
  country: ["DE", "US", "FR", null][i % 4],
  seen: i % 5 === 0 ? null : daysAgo(i),
  plan: i % 3 === 0 ? "pro" : i % 3 === 1 ? "free" : 42,
  name: i % 7 === 0 ? `Ana ${i}` : undefined,
}));

beforeAll(async () => {
  t = await createTestDb();
  a = await createWorkspace(t.db, "A");
  b = await createWorkspace(t.db, "B");
  const inserted = await t.db
    .insert(customers)
    .values(rows.map((r, i) => ({ workspaceId: a, email: `shopper${String(i).padStart(2, "0")}@example.com`, country: r.country, lastSeenAt: r.seen, attributes: { plan: r.plan, ...(r.name ? { name: r.name } : {}) } })))
    .returning({ id: customers.id });
  ids = inserted.map((r) => toNumber(r.id));
  await t.db.insert(customers).values([
    { workspaceId: b, email: "shopper00@example.com", country: "DE", lastSeenAt: daysAgo(1), attributes: { plan: "pro" } },
    { workspaceId: b, email: "other@example.com", country: "DE", attributes: { plan: "pro" } },
  ]);
  const seg = await insertManualSegment(t.db, a, "VIP");
  segmentPublicId = seg.publicId;
  await t.db.insert(segmentMembers).values(ids.filter((_, i) => i % 2 === 0).map((customerId) => ({ segmentId: seg.id, customerId, source: "selection" as const, sources: 2 })));
});
afterAll(async () => t.close());

/** The reference answer: the same filters evaluated in JavaScript over the rows we inserted. */
function expected(f: CustomerFilters): number[] {
  return rows
    .map((r, i) => ({ r, i, id: ids[i] }))
    .filter(({ r, i }) => {
      if (f.country !== undefined && r.country !== f.country) return false;
      if (f.seen === "never" && r.seen !== null) return false;
      if (f.seen === "within" && !(r.seen && r.seen >= daysAgo(f.days!))) return false;
      if (f.seen === "over" && !(r.seen && r.seen < daysAgo(f.days!))) return false;
      if (f.attr === "plan" && String(r.plan) !== f.value) return false;
      if (f.segment && (i % 2 === 0) !== (f.segmentOp !== "not_in")) return false;
      if (f.q && !(`shopper${String(i).padStart(2, "0")}@example.com`.startsWith(f.q.toLowerCase()) || (r.name ?? "").toLowerCase().includes(f.q.toLowerCase()))) return false;
      return true;
    })
    .map(({ id }) => id)
    .sort((x, y) => x - y);
}

async function matchingSet(f: CustomerFilters): Promise<number[]> {
  const compiled = await compileCustomerFilters(t.db, a, f, now);
  const found = await queryRows<{ id: unknown }>(t.db, matchingCustomerIdsSql(a, compiled));
  return found.map((r) => toNumber(r.id)).sort((x, y) => x - y);
}

async function allPages(f: CustomerFilters, order: "newest" | "oldest" = "newest"): Promise<number[]> {
  const compiled = await compileCustomerFilters(t.db, a, f, now);
  const out: number[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await listCustomers(t.db, a, { filters: compiled, after, order, limit: 7 });
    out.push(...page.customers.map((c) => c.id));
    if (page.nextCursor === null) return out;
    after = page.nextCursor;
  }
}

const parse = (raw: Record<string, string>) => customerFiltersSchema.parse(raw);

const cases: Record<string, Record<string, string>> = {
  country: { country: "DE" },
  "seen within": { seen: "within", days: "10" },
  "seen over": { seen: "over", days: "10" },
  "never seen": { seen: "never" },
  "attribute text": { attr: "plan", value: "pro" },
  "attribute number as text": { attr: "plan", value: "42" },
  "in segment": { segment: "" },
  "not in segment": { segment: "", segmentOp: "not_in" },
  "search + country + in segment": { q: "shopper1", country: "FR", segment: "" },
  "name search + seen": { q: "ana", seen: "over", days: "3" },
  everything: { country: "FR", seen: "within", days: "30", attr: "plan", value: "free", segment: "", segmentOp: "in" },
};

describe("customer filters", () => {
  it.each(Object.entries(cases))("%s: the list's pages, the 'all matching' set and the count are all the reference set", async (_, raw) => {
    const f = parse({ ...raw, ...("segment" in raw ? { segment: segmentPublicId } : {}) });
    const want = expected(f);
    expect(want.length).toBeGreaterThan(0);
    expect(await matchingSet(f)).toEqual(want);
    expect(await allPages(f)).toEqual([...want].reverse());
    expect(await allPages(f, "oldest")).toEqual(want);
    expect(await countMatchingCustomers(t.db, a, await compileCustomerFilters(t.db, a, f, now))).toBe(want.length);
  });

  it("pages backwards through a filtered list with the same keyset", async () => {
    const compiled = await compileCustomerFilters(t.db, a, parse({ country: "DE" }), now);
    const first = await listCustomers(t.db, a, { filters: compiled, limit: 3 });
    const second = await listCustomers(t.db, a, { filters: compiled, after: first.nextCursor!, limit: 3 });
    const back = await listCustomers(t.db, a, { filters: compiled, before: second.prevCursor!, limit: 3 });
    expect(back.customers.map((c) => c.id)).toEqual(first.customers.map((c) => c.id));
  });

  it("reads a typed country name or lower-case code as the stored ISO code", () => {
    expect(parse({ country: "Germany" }).country).toBe("DE");
    expect(parse({ country: "de" }).country).toBe("DE");
    expect(parse({ country: "Atlantis" }).country).toBe("Atlantis");
  });

  it("never reaches into another workspace", async () => {
    const set = await matchingSet(parse({ country: "DE" }));
    expect(set.every((id) => ids.includes(id))).toBe(true);
    const compiledB = await compileCustomerFilters(t.db, b, parse({ country: "DE" }), now);
    expect(await countMatchingCustomers(t.db, b, compiledB)).toBe(2);
  });

  it("refuses a filter segment of another workspace, or that does not exist", async () => {
    await expect(compileCustomerFilters(t.db, b, parse({ segment: segmentPublicId }), now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(compileCustomerFilters(t.db, a, parse({ segment: "seg_nope" }), now)).rejects.toThrow(/does not exist/);
  });

  it("refuses bad filters with a clear message and treats blank fields as unset", () => {
    expect(parseCustomerFilters({ seen: "within" })).toEqual({ ok: false, error: "Say how many days for “last seen”" });
    expect(parseCustomerFilters({ seen: "sometimes" })).toMatchObject({ ok: false, error: expect.stringMatching(/Last seen/) });
    expect(parseCustomerFilters({ seen: "over", days: "-3" })).toEqual({ ok: false, error: "Days must be at least 1" });
    expect(parseCustomerFilters({ seen: "over", days: "abc" })).toEqual({ ok: false, error: "Days must be a number" });
    expect(parseCustomerFilters({ value: "pro" })).toEqual({ ok: false, error: "Name the attribute whose value to match" });
    expect(parseCustomerFilters({ country: "", seen: "", days: "30", segmentOp: "not_in", q: " " })).toEqual({
      ok: true,
      filters: { q: undefined, country: undefined, seen: undefined, days: undefined, attr: undefined, value: undefined, segment: undefined, segmentOp: undefined },
    });
    expect(parse({ country: " de " }).country).toBe("DE");
    expect(parse({ country: "Atlantis" }).country).toBe("Atlantis");
    expect(describeFilters(parse({ country: "DE", seen: "within", days: "1", attr: "plan", value: "pro", segment: "seg_x", segmentOp: "not_in" }), "VIP")).toBe(
      "whose country is DE, last seen within 1 day, whose plan is “pro”, not in “VIP”",
    );
  });

  it("binds the attribute key as a parameter, never splices it into SQL", async () => {
    const f = parse({ attr: "plan' OR 1=1 --", value: "pro" });
    expect(await matchingSet(f)).toEqual([]);
    const compiled = await compileCustomerFilters(t.db, a, f, now);
    const [row] = await queryRows<{ n: unknown }>(t.db, sql`select count(*) as n from (${matchingCustomerIdsSql(a, compiled)}) s`);
    expect(toNumber(row.n)).toBe(0);
  });
});
