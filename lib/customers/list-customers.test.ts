import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { countCustomers, listCustomers, type CustomerListItem, type CustomerOrder } from "./list-customers";

let t: TestDb;
let a: string;
let b: string;
let allOfA: number[];

type NewCustomer = typeof customers.$inferInsert;

async function insertCustomers(rows: NewCustomer[]): Promise<number[]> {
  const inserted = await t.db.insert(customers).values(rows).returning({ id: customers.id });
  return inserted.map((r) => r.id);
}

/** Follows nextCursor to the end and returns every page. */
async function allPages(workspaceId: string, options: { search?: string; limit: number; order?: CustomerOrder }): Promise<CustomerListItem[][]> {
  const pages: CustomerListItem[][] = [];
  let after: number | undefined;
  for (;;) {
    const page = await listCustomers(t.db, workspaceId, { ...options, after });
    pages.push(page.customers);
    if (page.nextCursor === null) return pages;
    after = page.nextCursor;
  }
}

beforeAll(async () => {
  t = await createTestDb();
  a = await createWorkspace(t.db, "A");
  b = await createWorkspace(t.db, "B");
  const rows: NewCustomer[] = [];
  for (let i = 0; i < 23; i++) {
    rows.push({
      workspaceId: a,
      email: `shopper${String(i).padStart(2, "0")}@example.com`,
      externalId: `ext-${i}`,
      country: i % 2 ? "DE" : "US",
      attributes: i % 3 === 0 ? { first_name: "Grace", last_name: `Hopper ${i}` } : { plan: "pro" },
    });
  }
  allOfA = await insertCustomers(rows);
  allOfA.push(
    ...(await insertCustomers([
      { workspaceId: a, email: "Ada.Lovelace@Example.com", externalId: "crm-42", attributes: { name: "Ada Lovelace" } },
      { workspaceId: a, email: "percent%sign@example.com", attributes: { firstName: "Camel", lastName: "Case" } },
      { workspaceId: a, email: null, externalId: "anon-only", attributes: {} },
    ])),
  );
  // Another workspace with look-alike data that must never leak into A's results.
  await insertCustomers([
    { workspaceId: b, email: "ada.lovelace@other.com", externalId: "crm-42", attributes: { name: "Ada Lovelace" } },
    { workspaceId: b, email: "shopper99@example.com", externalId: "ext-1", attributes: { first_name: "Grace" } },
  ]);
});
afterAll(async () => t.close());

describe("listCustomers", () => {
  it("walks every customer of the workspace exactly once, newest first, across pages", async () => {
    const pages = await allPages(a, { limit: 7 });
    const ids = pages.flat().map((c) => c.id);

    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 5]);
    expect(ids).toEqual([...allOfA].sort((x, y) => y - x));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("ends with a null cursor when the last page is exactly full", async () => {
    const pages = await allPages(a, { limit: allOfA.length });
    expect(pages).toHaveLength(1);
    expect(pages[0]).toHaveLength(allOfA.length);
  });

  it("returns the fields the list shows, with a name from name or first and last name", async () => {
    const { customers: [ada] } = await listCustomers(t.db, a, { search: "ada.lovelace", limit: 10 });
    expect(ada).toEqual({
      id: expect.any(Number),
      email: "Ada.Lovelace@Example.com",
      name: "Ada Lovelace",
      externalId: "crm-42",
      country: null,
      lastSeenAt: null,
    });
    const { customers: [grace] } = await listCustomers(t.db, a, { search: "shopper00@", limit: 10 });
    expect(grace.name).toBe("Grace Hopper 0");
    const { customers: [camel] } = await listCustomers(t.db, a, { search: "percent", limit: 10 });
    expect(camel.name).toBe("Camel Case");
  });

  it("searches email by prefix, case-insensitively", async () => {
    const { customers: found } = await listCustomers(t.db, a, { search: "SHOPPER1", limit: 50 });
    expect(found.map((c) => c.email)).toEqual(Array.from({ length: 10 }, (_, i) => `shopper${19 - i}@example.com`));
  });

  it("matches the external id exactly, not by prefix", async () => {
    expect((await listCustomers(t.db, a, { search: "crm-42", limit: 10 })).customers.map((c) => c.externalId)).toEqual(["crm-42"]);
    expect((await listCustomers(t.db, a, { search: "crm-4", limit: 10 })).customers).toEqual([]);
    expect((await listCustomers(t.db, a, { search: "anon-only", limit: 10 })).customers).toHaveLength(1);
  });

  it("finds names in attributes, anywhere in the name", async () => {
    const { customers: found } = await listCustomers(t.db, a, { search: "hopper", limit: 50 });
    expect(found).toHaveLength(8);
    expect(found.every((c) => c.name?.startsWith("Grace Hopper"))).toBe(true);
  });

  it("does not look for names in searches with digits or @, which are ids and addresses", async () => {
    expect((await listCustomers(t.db, a, { search: "Hopper 3", limit: 50 })).customers).toEqual([]);
    expect((await listCustomers(t.db, a, { search: "grace@", limit: 50 })).customers).toEqual([]);
  });

  it("pages through search results without duplicates or gaps", async () => {
    const pages = await allPages(a, { search: "grace", limit: 3 });
    const ids = pages.flat().map((c) => c.id);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(new Set(ids).size).toBe(8);
  });

  it("treats % and _ in a search as plain characters", async () => {
    expect((await listCustomers(t.db, a, { search: "percent%", limit: 10 })).customers).toHaveLength(1);
    expect((await listCustomers(t.db, a, { search: "%", limit: 10 })).customers).toEqual([]);
    expect((await listCustomers(t.db, a, { search: "shopper_1", limit: 10 })).customers).toEqual([]);
  });

  it("never returns another workspace's customers", async () => {
    for (const search of ["ada", "crm-42", "ext-1", "shopper99", "other.com"]) {
      const { customers: found } = await listCustomers(t.db, a, { search, limit: 50 });
      expect(found.every((c) => allOfA.includes(c.id))).toBe(true);
    }
    expect((await listCustomers(t.db, b, { limit: 50 })).customers).toHaveLength(2);
  });

  it("keeps the page size within bounds and ignores a nonsense cursor", async () => {
    expect((await listCustomers(t.db, a, { limit: 0 })).customers).toHaveLength(1);
    expect((await listCustomers(t.db, a, { limit: 10_000 })).customers).toHaveLength(allOfA.length);
    expect((await listCustomers(t.db, a, { limit: 5, after: -3 })).customers[0].id).toBe(Math.max(...allOfA));
  });

  it("treats a blank search as no search", async () => {
    expect((await listCustomers(t.db, a, { search: "   ", limit: 100 })).customers).toHaveLength(allOfA.length);
  });

  it("pages back with the previous cursor to exactly the pages it came from, in both orders and in a search", async () => {
    for (const options of [{ limit: 7 }, { limit: 7, order: "oldest" as const }, { limit: 3, search: "grace" }]) {
      const forward = await allPages(a, options);
      // From the last page, follow prevCursor back to the first.
      let after: number | undefined;
      const cursors: (number | undefined)[] = [];
      for (let i = 0; i < forward.length - 1; i++) {
        cursors.push(after);
        after = (await listCustomers(t.db, a, { ...options, after })).nextCursor!;
      }
      let page = await listCustomers(t.db, a, { ...options, after });
      const backward: CustomerListItem[][] = [page.customers];
      while (page.prevCursor !== null) {
        page = await listCustomers(t.db, a, { ...options, before: page.prevCursor });
        backward.unshift(page.customers);
        // A page reached going back always has a next page.
        expect(page.nextCursor).not.toBeNull();
      }
      expect(backward).toEqual(forward);
      expect(cursors.length).toBe(forward.length - 1);
    }
  });

  it("has no previous page on the first page", async () => {
    expect((await listCustomers(t.db, a, { limit: 5 })).prevCursor).toBeNull();
    expect((await listCustomers(t.db, a, { limit: 5, order: "oldest" })).prevCursor).toBeNull();
  });

  it("lists oldest first when asked", async () => {
    const ids = (await allPages(a, { limit: 10, order: "oldest" })).flat().map((c) => c.id);
    expect(ids).toEqual([...allOfA].sort((x, y) => x - y));
  });

  it("counts only the workspace's own customers", async () => {
    expect(await countCustomers(t.db, a)).toBe(allOfA.length);
    expect(await countCustomers(t.db, b)).toBe(2);
  });
});
