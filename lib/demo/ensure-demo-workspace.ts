import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { queryRows, toNumber, type Db } from "@/db/client";
import { apiKeys, workspaces, type ApiKeyKind } from "@/db/schema";
import { displayPrefix, hashApiKey } from "@/lib/api-keys/hash-api-key";
import { generateCustomersAndEvents } from "./generate-demo-data";

export const DEMO_WORKSPACE_NAME = "Demo workspace";

const DEMO_KEY_NAMES: Record<ApiKeyKind, string> = { write: "Demo write key", secret: "Demo secret key" };

export type EnsureDemoOptions = {
  customers?: number;
  events?: number;
  days?: number;
  seed?: number;
  /** Where LUMEN_DEMO_WRITE_KEY / LUMEN_DEMO_SECRET_KEY are read from. Default: process.env. */
  env?: { LUMEN_DEMO_WRITE_KEY?: string; LUMEN_DEMO_SECRET_KEY?: string };
};

export type DemoWorkspace = { workspaceId: string; created: boolean; customers: number; events: number };

/**
 * Makes sure the embedded default has a demo workspace with data to look at. Idempotent:
 * when a workspace with `is_demo = true` exists it is left as it is, otherwise "Demo
 * workspace" is created with ~5,000 customers and ~50,000 events over 90 days, all in one
 * transaction (a crash leaves no half-filled demo behind). Either way, the write and secret
 * keys given in LUMEN_DEMO_WRITE_KEY / LUMEN_DEMO_SECRET_KEY are stored (hashed) for it, and
 * updated when they change.
 */
export async function ensureDemoWorkspace(db: Db, options: EnsureDemoOptions = {}): Promise<DemoWorkspace> {
  const env = options.env ?? process.env;
  const result = await db.transaction(async (tx) => {
    // One creator at a time, even if two processes start together against one Postgres.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('lumen:ensure-demo-workspace'))`);
    const [existing] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.isDemo, true))
      .orderBy(workspaces.createdAt)
      .limit(1);
    if (existing) return { workspaceId: existing.id, created: false };

    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: DEMO_WORKSPACE_NAME, isDemo: true })
      .returning({ id: workspaces.id });
    await generateCustomersAndEvents(tx, workspace.id, {
      customers: options.customers ?? 5_000,
      events: options.events ?? 50_000,
      days: options.days ?? 90,
      seed: options.seed,
    });
    // PGlite has no autovacuum: give the planner statistics for the new rows.
    await tx.execute(sql`ANALYZE customers, events`);
    return { workspaceId: workspace.id, created: true };
  });

  await applyDemoKey(db, result.workspaceId, "write", env.LUMEN_DEMO_WRITE_KEY);
  await applyDemoKey(db, result.workspaceId, "secret", env.LUMEN_DEMO_SECRET_KEY);

  const [counts] = await queryRows<{ customers: number | string; events: number | string }>(
    db,
    sql`SELECT (SELECT count(*) FROM customers WHERE workspace_id = ${result.workspaceId}::uuid) AS customers,
               (SELECT count(*) FROM events WHERE workspace_id = ${result.workspaceId}::uuid) AS events`,
  );
  return { ...result, customers: toNumber(counts.customers), events: toNumber(counts.events) };
}

/** Stores the configured key (hashed) as the demo workspace's key of that kind, replacing an older value. */
async function applyDemoKey(db: Db, workspaceId: string, kind: ApiKeyKind, key: string | undefined): Promise<void> {
  const value = key?.trim();
  if (!value) return;
  const hash = hashApiKey(value);
  const prefix = displayPrefix(value);
  const name = DEMO_KEY_NAMES[kind];
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: apiKeys.id, hash: apiKeys.hash })
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.kind, kind), eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
      .limit(1);
    if (current?.hash === hash) return;
    if (current) {
      await tx.update(apiKeys).set({ hash, prefix }).where(eq(apiKeys.id, current.id));
    } else {
      await tx.insert(apiKeys).values({ workspaceId, name, kind, prefix, hash });
    }
  });
}
