import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { customerNameSql } from "@/lib/customers/customer-name";
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
  // One evaluation of the conditions serves both the count and the sample.
  const rows = await queryRows<{ n: unknown; id: unknown; email: string | null; name: string | null; external_id: string | null }>(
    db,
    sql`WITH matched AS MATERIALIZED (${matched}),
        total AS (SELECT count(*) AS n FROM matched),
        newest AS (SELECT id FROM matched ORDER BY id DESC LIMIT 10)
        SELECT total.n, c.id, c.email, c.external_id, ${customerNameSql("c")} AS name
        FROM total
        LEFT JOIN newest ON TRUE
        LEFT JOIN customers c ON c.id = newest.id AND c.workspace_id = ${workspaceId}::uuid
        ORDER BY c.id DESC NULLS LAST`,
  );
  return {
    count: toNumber(rows[0]?.n ?? 0),
    sample: rows.filter((r) => r.id !== null).map((r) => ({ id: toNumber(r.id), email: r.email, name: r.name, externalId: r.external_id })),
  };
}
