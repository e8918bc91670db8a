import { sql } from "drizzle-orm";
import { queryRows, toNumber, type Db } from "@/db/client";
import { customers, events, segments } from "@/db/schema";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { compileSegmentQuery } from "@/lib/segments/compile-conditions";

let seq = 0;

/** Inserts an automatic segment row directly (no job event), as the engine's tests need. */
export async function insertAutomaticSegment(db: Db, workspaceId: string, tree: ConditionTree, name = "Segment") {
  seq += 1;
  const [row] = await db
    .insert(segments)
    .values({ workspaceId, publicId: `seg_test_${seq}_${Math.random().toString(36).slice(2, 8)}`, name, type: "automatic", conditions: tree, computeStatus: "queued" })
    .returning();
  return row;
}

export async function insertCustomers(db: Db, workspaceId: string, rows: { attributes?: Record<string, unknown>; country?: string | null }[]) {
  seq += 1;
  const inserted = await db
    .insert(customers)
    .values(rows.map((r, i) => ({ workspaceId, email: `c${seq}_${i}@example.test`, attributes: r.attributes ?? {}, country: r.country ?? null })))
    .returning({ id: customers.id });
  return inserted.map((r) => toNumber(r.id));
}

export async function insertEvents(db: Db, workspaceId: string, rows: { customerId: number; name: string; at: Date; properties?: Record<string, unknown> }[]) {
  if (rows.length === 0) return;
  seq += 1;
  await db.insert(events).values(
    rows.map((r, i) => ({ workspaceId, customerId: r.customerId, name: r.name, occurredAt: r.at, properties: r.properties ?? {}, messageId: `t${seq}_${i}` })),
  );
}

export async function memberIds(db: Db, segmentId: number): Promise<number[]> {
  const rows = await queryRows<{ id: unknown }>(db, sql`SELECT customer_id AS id FROM segment_members WHERE segment_id = ${segmentId} ORDER BY customer_id`);
  return rows.map((r) => toNumber(r.id));
}

/** What a from-scratch evaluation selects right now. */
export async function expectedIds(db: Db, workspaceId: string, tree: ConditionTree, now = new Date()): Promise<number[]> {
  const rows = await queryRows<{ id: unknown }>(db, compileSegmentQuery(tree, { workspaceId, now }));
  return rows.map((r) => toNumber(r.id)).sort((a, b) => a - b);
}

/** Replays the history: who is in according to enter/exit rows, in order. */
export async function membersFromHistory(db: Db, segmentId: number): Promise<number[]> {
  const rows = await queryRows<{ id: unknown; change: string }>(
    db,
    // Order by the history row's own id (the order the changes happened), not the customer's.
    sql`SELECT h.customer_id AS id, h.change FROM segment_member_changes h WHERE h.segment_id = ${segmentId} ORDER BY h.id`,
  );
  const trail = () => JSON.stringify(rows.map((r) => `${r.change}:${toNumber(r.id)}`));
  const members = new Set<number>();
  for (const r of rows) {
    const id = toNumber(r.id);
    if (r.change === "entered") {
      if (members.has(id)) throw new Error(`segment ${segmentId}: customer ${id} entered twice without exiting ${trail()}`);
      members.add(id);
    } else {
      if (!members.has(id)) throw new Error(`segment ${segmentId}: customer ${id} exited without having entered ${trail()}`);
      members.delete(id);
    }
  }
  return [...members].sort((a, b) => a - b);
}
