import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { conditionTreeSchema, referencedSegmentIds, type ConditionTree } from "./condition-schema";

/**
 * Checks what the schema alone cannot: every "in segment" condition names a segment of
 * this workspace, and no chain of such conditions leads back to the segment itself.
 * Throws a UserError with a message fit for the builder.
 */
export async function validateSegmentReferences(
  db: DbOrTx,
  workspaceId: string,
  tree: ConditionTree,
  self?: { publicId: string },
): Promise<void> {
  const direct = referencedSegmentIds(tree);
  if (direct.length === 0) return;
  if (self && direct.includes(self.publicId)) throw new UserError("A segment cannot include a condition on itself");

  const rows = await db
    .select({ publicId: segments.publicId, name: segments.name, conditions: segments.conditions })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), isNull(segments.deletedAt)));
  const byId = new Map(rows.map((r) => [r.publicId, r]));
  const missing = direct.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new UserError(`This condition refers to a segment that does not exist (${missing.join(", ")}). Choose another segment.`);
  }
  if (!self) return;

  // Depth-first walk of the "refers to" graph from the new tree's references.
  const refsOf = (publicId: string): string[] => {
    const parsed = conditionTreeSchema.safeParse(byId.get(publicId)?.conditions);
    return parsed.success ? referencedSegmentIds(parsed.data) : [];
  };
  const stack = direct.map((id) => [id]);
  const seen = new Set<string>();
  while (stack.length > 0) {
    const path = stack.pop()!;
    const at = path[path.length - 1];
    if (at === self.publicId) {
      const names = path.map((id) => `"${byId.get(id)?.name ?? id}"`);
      throw new UserError(`That would make a loop: this segment → ${names.join(" → ")}. A segment cannot depend on itself.`);
    }
    if (seen.has(at)) continue;
    seen.add(at);
    for (const next of refsOf(at)) stack.push([...path, next]);
  }
}
