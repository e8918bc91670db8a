import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { UserError } from "@/lib/errors";
import { conditionTreeSchema } from "./condition-schema";
import { compileSegmentQuery } from "./compile-conditions";
import { validateSegmentReferences } from "./validate-segment-references";

export type PreviewCustomer = { id: number; email: string | null; name: string | null; externalId: string | null };
export type SegmentPreview = { count: number; sample: PreviewCustomer[] };

/** Parses a draft tree from the builder, turning schema errors into one readable message. */
export function parseDraftTree(draft: unknown) {
  const parsed = conditionTreeSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(issue.message);
  }
  return parsed.data;
}

/**
 * The live size of a draft segment and ten of its customers, for the builder. Reads
 * only: nothing is written, whatever the draft.
 */
export async function previewSegment(db: DbOrTx, workspaceId: string, draft: unknown, now = new Date()): Promise<SegmentPreview> {
  const tree = parseDraftTree(draft);
  await validateSegmentReferences(db, workspaceId, tree);
  const matched = compileSegmentQuery(tree, { workspaceId, now });
  const [[count], sample] = await Promise.all([
    queryRows<{ n: unknown }>(db, sql`SELECT count(*) AS n FROM (${matched}) q`),
    queryRows<{ id: unknown; email: string | null; name: string | null; external_id: string | null }>(
      db,
      sql`SELECT c.id, c.email, c.external_id,
                 coalesce(c.attributes ->> 'name', nullif(concat_ws(' ', c.attributes ->> 'first_name', c.attributes ->> 'last_name'), '')) AS name
          FROM customers c
          WHERE c.workspace_id = ${workspaceId}::uuid AND c.id IN (${matched})
          ORDER BY c.id DESC LIMIT 10`,
    ),
  ]);
  return {
    count: toNumber(count.n),
    sample: sample.map((r) => ({ id: toNumber(r.id), email: r.email, name: r.name, externalId: r.external_id })),
  };
}
