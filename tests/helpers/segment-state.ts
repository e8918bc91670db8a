import { asc, eq, sql } from "drizzle-orm";
import { queryRows, toNumber, type Db } from "@/db/client";
import { auditLog, customers, segments } from "@/db/schema";

/**
 * Everything the segment actions can change in one workspace, in a stable order, so a test
 * can assert that a refused action changed nothing: expect(await segmentState(...)).toEqual(before).
 */
export async function segmentState(db: Db, workspaceId: string) {
  const rows = await db
    .select({
      publicId: segments.publicId,
      name: segments.name,
      description: segments.description,
      type: segments.type,
      conditions: segments.conditions,
      definitionVersion: segments.definitionVersion,
      deletedAt: segments.deletedAt,
      memberCount: segments.memberCount,
    })
    .from(segments)
    .where(eq(segments.workspaceId, workspaceId))
    .orderBy(asc(segments.id));
  const [members] = await queryRows<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM segment_members sm JOIN segments s ON s.id = sm.segment_id WHERE s.workspace_id = ${workspaceId}`,
  );
  const customerCount = (await db.select({ id: customers.id }).from(customers).where(eq(customers.workspaceId, workspaceId))).length;
  const audit = (await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId))).length;
  return { segments: rows, memberships: toNumber(members.n), customers: customerCount, auditRows: audit };
}
