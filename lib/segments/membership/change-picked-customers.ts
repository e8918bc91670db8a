import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, toNumber, type Db } from "@/db/client";
import { compileCustomerFilters, countMatchingCustomers, matchingCustomerIdsSql } from "@/lib/customers/customer-filter-sql";
import { describeFilters } from "@/lib/customers/customer-filters";
import { UserError } from "@/lib/errors";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { changeManualSegmentMembers, type CustomerSet, type ManualMembersResult, type MembershipOp } from "./change-manual-members";
import { getManualSegmentOrThrow } from "./get-manual-segment";
import { BACKGROUND_PICK_ROWS, type CustomerSelection } from "./picked-customers";

export type PickedChangeOutcome =
  | { status: "done"; segmentName: string; result: ManualMembersResult }
  | { status: "queued"; segmentName: string; matching: number };

/**
 * Adds picked customers to, or removes them from, a manual segment through the membership
 * module (source "selection"): ids as given (other workspaces' ids are dropped by the module),
 * or "all matching" as one SQL set built from the filters. `now` fixes "last seen within N
 * days" to the moment of the click, also when a job applies it later.
 */
export async function changePickedCustomers(
  db: Db,
  workspaceId: string,
  segmentPublicId: string,
  op: MembershipOp,
  selection: CustomerSelection,
  { actorUserId, now = new Date() }: { actorUserId: string | null; now?: Date },
): Promise<{ segmentName: string; result: ManualMembersResult }> {
  const segment = await getManualSegmentOrThrow(db, workspaceId, { publicId: segmentPublicId });
  let customers: CustomerSet;
  let audit: Record<string, unknown>;
  if (selection.kind === "ids") {
    customers = { ids: selection.ids };
    audit = { selection: "ids" };
  } else {
    const compiled = await compileCustomerFilters(db, workspaceId, selection.filters, now);
    customers = { workspaceScopedQuery: matchingCustomerIdsSql(workspaceId, compiled) };
    audit = { selection: "matching", filters: selection.filters };
  }
  const result = await changeManualSegmentMembers(db, workspaceId, segment.publicId, { op, source: "selection", customers, actorUserId, audit, now });
  return { segmentName: segment.name, result };
}

/**
 * As the actions ask for it: ids and small "matching" sets in this request; a "matching" set
 * over BACKGROUND_PICK_ROWS by a background job (one set-based statement either way), so a
 * request never runs past a serverless time limit. Nothing matching is refused up front.
 */
export async function requestPickedCustomersChange(
  db: Db,
  workspaceId: string,
  segmentPublicId: string,
  op: MembershipOp,
  selection: CustomerSelection,
  { actorUserId, now = new Date() }: { actorUserId: string | null; now?: Date },
): Promise<PickedChangeOutcome> {
  const segment = await getManualSegmentOrThrow(db, workspaceId, { publicId: segmentPublicId });
  if (selection.kind === "ids" && (await countWorkspaceCustomers(db, workspaceId, selection.ids)) === 0) {
    // Checked first so a request naming only unknown (or another workspace's) ids leaves no trace.
    throw new UserError("None of the selected customers exist in this workspace: nothing changed.");
  }
  if (selection.kind === "matching") {
    const compiled = await compileCustomerFilters(db, workspaceId, selection.filters, now);
    const matching = await countMatchingCustomers(db, workspaceId, compiled);
    if (matching === 0) throw new UserError(`No customers ${describeFilters(selection.filters, compiled.segmentName) || "match these filters"}: nothing changed.`);
    if (matching > BACKGROUND_PICK_ROWS) {
      await sendJobEvent({
        name: "segments/picked.requested",
        data: { workspaceId, segmentPublicId: segment.publicId, op, filters: selection.filters, actorUserId, at: now.toISOString() },
      });
      return { status: "queued", segmentName: segment.name, matching };
    }
  }
  return { status: "done", ...(await changePickedCustomers(db, workspaceId, segment.publicId, op, selection, { actorUserId, now })) };
}

async function countWorkspaceCustomers(db: Db, workspaceId: string, ids: readonly number[]): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM customers WHERE workspace_id = ${workspaceId}::uuid AND id IN (SELECT value::bigint FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  );
  return toNumber(row?.n ?? 0);
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "Added 1,234 customers to VIP; 56 were already members." and the like, for the toast and the status line. */
export function describePickedOutcome(op: MembershipOp, outcome: PickedChangeOutcome): string {
  const name = `“${outcome.segmentName}”`;
  if (outcome.status === "queued") {
    return `${op === "add" ? "Adding" : "Removing"} ${plural(outcome.matching, "customer", "customers")} ${op === "add" ? "to" : "from"} ${name} in the background; the segment's page shows them as it goes.`;
  }
  const r = outcome.result;
  if (op === "add") {
    const head = `Added ${plural(r.changed, "customer", "customers")} to ${name}`;
    return r.unchanged > 0 ? `${head}; ${r.unchanged.toLocaleString("en-US")} ${r.unchanged === 1 ? "was already a member" : "were already members"}.` : `${head}.`;
  }
  const parts = [`Removed ${plural(r.changed, "customer", "customers")} from ${name}`];
  if (r.unchanged > 0) parts.push(`${r.unchanged.toLocaleString("en-US")} ${r.unchanged === 1 ? "was not a member" : "were not members"}`);
  if (r.keptByOtherSource > 0) parts.push(`${r.keptByOtherSource.toLocaleString("en-US")} ${r.keptByOtherSource === 1 ? "stays" : "stay"} because a data store added them`);
  return `${parts.join("; ")}.`;
}
