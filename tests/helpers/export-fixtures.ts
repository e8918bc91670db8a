import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { segments } from "@/db/schema";
import { insertCustomers } from "./segment-fixtures";

let seq = 0;

/** A manual segment whose members are `customerIds` (rows written directly: a fixture, not the membership writer). */
export async function insertManualSegment(db: Db, workspaceId: string, customerIds: number[], name = "Export me") {
  seq += 1;
  const [segment] = await db
    .insert(segments)
    .values({ workspaceId, publicId: `seg_export_${seq}_${Math.random().toString(36).slice(2, 8)}`, name, type: "manual", memberCount: customerIds.length })
    .returning();
  await addSegmentMembers(db, segment.id, customerIds);
  return segment;
}

export async function addSegmentMembers(db: Db, segmentId: number, customerIds: number[], enteredAt = "2026-03-04T05:06:07Z") {
  if (customerIds.length === 0) return;
  await db.execute(
    sql`INSERT INTO segment_members (segment_id, customer_id, entered_at, source)
        SELECT ${segmentId}::bigint, id, ${enteredAt}::timestamptz, 'selection' FROM unnest(${`{${customerIds.join(",")}}`}::bigint[]) AS id`,
  );
}

/** Customers with names, places and attributes that exercise quoting, unicode and the formula guard. */
export async function insertExportCustomers(db: Db, workspaceId: string, count: number) {
  const tricky = [
    { attributes: { name: "Zoë Ångström", plan: "pro", ltv: -12.5 }, country: "SE" },
    { attributes: { name: "Smith, John", plan: "=HYPERLINK(\"http://evil\")" }, country: "US" },
    { attributes: { first_name: "Line", last_name: "Break\nHere", plan: "free" }, country: "GB" },
    { attributes: { name: "東京 太郎", plan: "@risk" }, country: "JP" },
  ];
  return insertCustomers(db, workspaceId, Array.from({ length: count }, (_, i) => tricky[i % tricky.length]));
}
