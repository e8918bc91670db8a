import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { segments } from "@/db/schema";
import { conditionTreeSchema, referencedSegmentIds, type ConditionTree } from "./condition-schema";
import { describeConditions } from "./describe-conditions";
import { previewSegment } from "./preview-segment";
import { validateSegmentReferences } from "./validate-segment-references";

/** The conditions as the builder sends them: a JSON string (a hidden form field) or the tree itself. */
export const conditionsJsonSchema = z
  .union([z.string().max(500_000, "These conditions are too large"), z.record(z.string(), z.unknown())], {
    error: "Send the conditions",
  })
  .transform((value, ctx) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "The conditions are not valid JSON" });
      return z.NEVER;
    }
  })
  .pipe(conditionTreeSchema);

export const previewSegmentSchema = z.object({
  workspaceId: z.string(),
  conditions: conditionsJsonSchema,
  /** Public id of the segment being edited: the draft may not refer to it, directly or through others. */
  segmentId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
});

export type PreviewData = {
  count: number;
  /** All customers of the workspace, for the share. */
  total: number;
  sample: { customerId: number; email: string | null; name: string | null }[];
  summary: string;
};

/** The live preview of a draft: count, share, a sample and the plain-English summary. Reads only. */
export async function previewDraft(
  db: DbOrTx,
  workspaceId: string,
  tree: ConditionTree,
  options: { self?: { publicId: string }; now?: Date } = {},
): Promise<PreviewData> {
  if (options.self) await validateSegmentReferences(db, workspaceId, tree, options.self);
  const ids = referencedSegmentIds(tree);
  const [preview, totalRows, names] = await Promise.all([
    previewSegment(db, workspaceId, tree, options.now),
    queryRows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM customers WHERE workspace_id = ${workspaceId}::uuid`),
    ids.length
      ? db
          .select({ publicId: segments.publicId, name: segments.name })
          .from(segments)
          .where(and(eq(segments.workspaceId, workspaceId), inArray(segments.publicId, ids)))
      : Promise.resolve([]),
  ]);
  return {
    count: preview.count,
    total: toNumber(totalRows[0]?.n ?? 0),
    sample: preview.sample.map((c) => ({ customerId: c.id, email: c.email, name: c.name })),
    summary: describeConditions(tree, Object.fromEntries(names.map((n) => [n.publicId, n.name]))),
  };
}
