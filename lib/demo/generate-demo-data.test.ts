import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows, toNumber } from "@/db/client";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createWorkspace } from "@/tests/helpers/fixtures";
import { hashApiKey } from "@/lib/api-keys/hash-api-key";
import { generateCustomersAndEvents, planChunks } from "./generate-demo-data";
import { ensureDemoWorkspace } from "./ensure-demo-workspace";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

async function one<T extends Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(t.db, query);
  return row;
}

/** A fingerprint of everything a workspace holds, to show a run left it alone. */
async function fingerprint(workspaceId: string) {
  return one<{ customers: string; events: string }>(sql`
    SELECT
      (SELECT md5(coalesce(string_agg(id || ':' || email || ':' || attributes::text || ':' || coalesce(last_seen_at::text, ''), ',' ORDER BY id), ''))
         FROM customers WHERE workspace_id = ${workspaceId}::uuid) AS customers,
      (SELECT md5(coalesce(string_agg(id || ':' || message_id || ':' || occurred_at::text, ',' ORDER BY id), ''))
         FROM events WHERE workspace_id = ${workspaceId}::uuid) AS events`);
}

async function counts(workspaceId: string) {
  const row = await one<{ customers: unknown; events: unknown }>(sql`
    SELECT (SELECT count(*) FROM customers WHERE workspace_id = ${workspaceId}::uuid) AS customers,
           (SELECT count(*) FROM events WHERE workspace_id = ${workspaceId}::uuid) AS events`);
  return { customers: toNumber(row.customers), events: toNumber(row.events) };
}

describe("planChunks", () => {
  it("gives every chunk its exact share of the events", () => {
    const plans = planChunks(1_000_003, 10_000_007, 0, 50_000);
    expect(plans).toHaveLength(21);
    expect(plans.reduce((n, p) => n + p.size, 0)).toBe(1_000_003);
    expect(plans.reduce((n, p) => n + p.events, 0)).toBe(10_000_007);
    expect(plans.at(-1)).toMatchObject({ firstOrdinal: 1_000_001, size: 3 });
  });
});

describe("generateCustomersAndEvents", () => {
  const now = new Date();
  const days = 30;
  let workspaceId: string;
  let other: string;
  let otherBefore: Awaited<ReturnType<typeof fingerprint>>;

  beforeAll(async () => {
    other = await createWorkspace(t.db, "Other");
    await generateCustomersAndEvents(t.db, other, { customers: 200, events: 1_500 });
    otherBefore = await fingerprint(other);

    workspaceId = await createWorkspace(t.db, "Target");
    // Small chunks: 3 customer statements and several event statements per chunk, so the
    // rollup has to merge counts across statements.
    const result = await generateCustomersAndEvents(t.db, workspaceId, {
      customers: 1_200,
      events: 9_000,
      days,
      now,
      chunk: { customers: 500, events: 1_000 },
    });
    expect(result).toMatchObject({ customers: 1_200, events: 9_000 });
  });

  it("writes exactly the customers and events asked for", async () => {
    expect(await counts(workspaceId)).toEqual({ customers: 1_200, events: 9_000 });
  });

  it("gives customers unique lowercase emails and external ids, and realistic attributes", async () => {
    const row = await one<Record<string, unknown>>(sql`
      SELECT count(*) AS n,
             count(DISTINCT lower(email)) AS emails,
             count(*) FILTER (WHERE email = lower(email) AND email ~ '^[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]+$') AS well_formed,
             count(DISTINCT external_id) FILTER (WHERE external_id ~ '^usr_[0-9]{6}$') AS external_ids,
             count(DISTINCT attributes ->> 'plan') AS plans,
             count(*) FILTER (WHERE attributes ->> 'plan' = 'free') AS free,
             count(*) FILTER (WHERE attributes ->> 'plan' = 'enterprise') AS enterprise,
             count(*) FILTER (WHERE (attributes ->> 'signup_date')::date >= current_date - 14) AS recent_signups,
             count(*) FILTER (WHERE (attributes ->> 'signup_date')::date < current_date - 731) AS too_old,
             count(*) FILTER (WHERE jsonb_typeof(attributes -> 'lifetime_value') = 'number') AS ltv_numbers,
             count(*) FILTER (WHERE (attributes ->> 'lifetime_value')::numeric >= 500) AS high_value,
             count(*) FILTER (WHERE jsonb_typeof(attributes -> 'is_subscribed') = 'boolean') AS subscribed_flags,
             count(*) FILTER (WHERE attributes ->> 'name' = (attributes ->> 'first_name') || ' ' || (attributes ->> 'last_name')) AS names,
             count(*) FILTER (WHERE attributes ? 'company') AS companies,
             count(DISTINCT country) AS countries,
             count(*) FILTER (WHERE region IS NULL OR city IS NULL OR timezone IS NULL OR last_seen_at IS NULL) AS missing
      FROM customers WHERE workspace_id = ${workspaceId}::uuid`);
    const n = toNumber(row.n);
    expect(n).toBe(1_200);
    expect(toNumber(row.emails)).toBe(n);
    expect(toNumber(row.well_formed)).toBe(n);
    expect(toNumber(row.external_ids)).toBe(n);
    expect(toNumber(row.plans)).toBe(4);
    expect(toNumber(row.free)).toBeGreaterThan(toNumber(row.enterprise) * 3);
    expect(toNumber(row.recent_signups)).toBeGreaterThan(0);
    expect(toNumber(row.too_old)).toBe(0);
    expect(toNumber(row.ltv_numbers)).toBe(n);
    expect(toNumber(row.high_value)).toBeGreaterThan(0);
    expect(toNumber(row.subscribed_flags)).toBe(n);
    expect(toNumber(row.names)).toBe(n);
    expect(toNumber(row.companies)).toBe(n);
    expect(toNumber(row.countries)).toBeGreaterThanOrEqual(8);
    expect(toNumber(row.missing)).toBe(0);

    // A city belongs to one country (and one timezone).
    const mixed = await queryRows(t.db, sql`
      SELECT city FROM customers WHERE workspace_id = ${workspaceId}::uuid
      GROUP BY city HAVING count(DISTINCT country) > 1 OR count(DISTINCT timezone) > 1`);
    expect(mixed).toEqual([]);
  });

  it("puts every event inside the window, after the customer signed up and not after they were last seen", async () => {
    const row = await one<Record<string, unknown>>(sql`
      SELECT count(*) FILTER (WHERE e.occurred_at < ${new Date(now.getTime() - days * 86_400_000).toISOString()}::timestamptz
                                 OR e.occurred_at > ${now.toISOString()}::timestamptz) AS outside,
             count(*) FILTER (WHERE e.occurred_at < c.created_at OR e.occurred_at > c.last_seen_at) AS inconsistent,
             count(*) FILTER (WHERE c.workspace_id <> e.workspace_id) AS foreign_customers,
             count(DISTINCT e.message_id) AS message_ids,
             count(DISTINCT e.name) AS names
      FROM events e JOIN customers c ON c.id = e.customer_id
      WHERE e.workspace_id = ${workspaceId}::uuid`);
    expect(toNumber(row.outside)).toBe(0);
    expect(toNumber(row.inconsistent)).toBe(0);
    expect(toNumber(row.foreign_customers)).toBe(0);
    expect(toNumber(row.message_ids)).toBe(9_000);
    expect(toNumber(row.names)).toBe(8);

    const byName = await queryRows<{ name: string; n: unknown }>(t.db, sql`
      SELECT name, count(*) AS n FROM events WHERE workspace_id = ${workspaceId}::uuid GROUP BY name ORDER BY n DESC`);
    expect(byName[0].name).toBe("page_viewed");

    const orders = await one<Record<string, unknown>>(sql`
      SELECT min((properties ->> 'amount')::numeric) AS min, max((properties ->> 'amount')::numeric) AS max,
             count(*) FILTER (WHERE (properties ->> 'amount')::numeric > 100) AS over_100,
             count(*) FILTER (WHERE properties ? 'currency' AND (properties ->> 'items')::int >= 1) AS complete,
             count(*) AS n
      FROM events WHERE workspace_id = ${workspaceId}::uuid AND name = 'order_completed'`);
    expect(Number(orders.min)).toBeGreaterThanOrEqual(5);
    expect(Number(orders.max)).toBeLessThanOrEqual(500);
    expect(toNumber(orders.over_100)).toBeGreaterThan(0);
    expect(toNumber(orders.complete)).toBe(toNumber(orders.n));

    const clicks = await one<Record<string, unknown>>(sql`
      SELECT count(*) FILTER (WHERE properties ? 'campaign' AND properties ? 'url') AS ok, count(*) AS n
      FROM events WHERE workspace_id = ${workspaceId}::uuid AND name IN ('email_clicked', 'link_clicked')`);
    expect(toNumber(clicks.ok)).toBe(toNumber(clicks.n));
  });

  it("skews activity: some customers very active, many with few events, some with none", async () => {
    const row = await one<Record<string, unknown>>(sql`
      WITH per AS (
        SELECT c.id, count(e.id) AS n
        FROM customers c LEFT JOIN events e ON e.customer_id = c.id
        WHERE c.workspace_id = ${workspaceId}::uuid
        GROUP BY c.id
      )
      SELECT count(*) FILTER (WHERE n = 0) AS none, count(*) FILTER (WHERE n BETWEEN 1 AND 5) AS few,
             max(n) AS most, percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS median
      FROM per`);
    expect(toNumber(row.none)).toBeGreaterThan(0);
    expect(toNumber(row.few)).toBeGreaterThan(300);
    expect(toNumber(row.most)).toBeGreaterThan(toNumber(row.median) * 10);
  });

  it("leaves other workspaces untouched", async () => {
    expect(await fingerprint(other)).toEqual(otherBefore);
    expect(await counts(other)).toEqual({ customers: 200, events: 1_500 });
  });

  it("adds to a workspace that already has generated data without clashing", async () => {
    await generateCustomersAndEvents(t.db, other, { customers: 100, events: 700 });
    expect(await counts(other)).toEqual({ customers: 300, events: 2_200 });
    const row = await one<{ last: string }>(sql`SELECT max(external_id) AS last FROM customers WHERE workspace_id = ${other}::uuid`);
    expect(row.last).toBe("usr_000300");
  });

  it("repeats itself for the same seed", async () => {
    const a = await createWorkspace(t.db, "Seeded A");
    const b = await createWorkspace(t.db, "Seeded B");
    const fixed = new Date("2025-06-01T12:00:00Z");
    for (const id of [a, b]) await generateCustomersAndEvents(t.db, id, { customers: 150, events: 900, seed: 42, now: fixed });
    const shape = (id: string) =>
      one<{ customers: string; events: string }>(sql`
        SELECT (SELECT md5(string_agg(email || attributes::text || last_seen_at::text, ',' ORDER BY external_id)) FROM customers WHERE workspace_id = ${id}::uuid) AS customers,
               (SELECT md5(string_agg(c.external_id || e.name || e.occurred_at::text || e.properties::text, ',' ORDER BY e.id))
                  FROM events e JOIN customers c ON c.id = e.customer_id WHERE e.workspace_id = ${id}::uuid) AS events`);
    expect(await shape(a)).toEqual(await shape(b));
  });

  it("rejects events without customers", async () => {
    await expect(generateCustomersAndEvents(t.db, other, { customers: 0, events: 10 })).rejects.toThrow(/customers/);
  });
});

describe("ensureDemoWorkspace", () => {
  const size = { customers: 300, events: 2_000 };

  it("creates the demo workspace once, and stores the configured keys hashed", async () => {
    const env = { LUMEN_DEMO_WRITE_KEY: "lk_write_demo_first", LUMEN_DEMO_SECRET_KEY: "lk_secret_demo_first" };
    const first = await ensureDemoWorkspace(t.db, { ...size, env });
    expect(first).toMatchObject({ created: true, customers: 300, events: 2_000 });

    const again = await ensureDemoWorkspace(t.db, { ...size, env });
    expect(again).toEqual({ ...first, created: false });

    const demos = await queryRows<{ id: string; name: string }>(t.db, sql`SELECT id, name FROM workspaces WHERE is_demo`);
    expect(demos).toEqual([{ id: first.workspaceId, name: "Demo workspace" }]);

    const keys = await queryRows<{ kind: string; hash: string; prefix: string }>(
      t.db,
      sql`SELECT kind::text AS kind, hash, prefix FROM api_keys WHERE workspace_id = ${first.workspaceId}::uuid ORDER BY kind`,
    );
    expect(keys.map((k) => [k.kind, k.hash])).toEqual([
      ["secret", hashApiKey(env.LUMEN_DEMO_SECRET_KEY)],
      ["write", hashApiKey(env.LUMEN_DEMO_WRITE_KEY)],
    ]);
    for (const key of keys) expect(key.prefix).not.toContain("first");

    expect((await counts(first.workspaceId)).events).toBe(2_000);
  });

  it("updates a key that changed and leaves keys alone when none is configured", async () => {
    const changed = await ensureDemoWorkspace(t.db, {
      ...size,
      env: { LUMEN_DEMO_WRITE_KEY: "lk_write_demo_second", LUMEN_DEMO_SECRET_KEY: "lk_secret_demo_first" },
    });
    expect(changed.created).toBe(false);
    await ensureDemoWorkspace(t.db, { ...size, env: {} });

    const keys = await queryRows<{ kind: string; hash: string }>(
      t.db,
      sql`SELECT kind::text AS kind, hash FROM api_keys WHERE workspace_id = ${changed.workspaceId}::uuid AND revoked_at IS NULL ORDER BY kind`,
    );
    expect(keys).toEqual([
      { kind: "secret", hash: hashApiKey("lk_secret_demo_first") },
      { kind: "write", hash: hashApiKey("lk_write_demo_second") },
    ]);
    expect(await counts(changed.workspaceId)).toEqual({ customers: 300, events: 2_000 });
  });
});
