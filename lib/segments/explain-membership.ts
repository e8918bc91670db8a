import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import { segmentMembers, segments } from "@/db/schema";
import { NotFoundError, UserError } from "@/lib/errors";
import { conditionTreeSchema, type Condition, type EventCondition, type LeafCondition } from "./condition-schema";
import { compileEventCount, compileSegmentPredicate } from "./compile-conditions";
import { describeLeaf, describeWindow, eventLabel, humanize } from "./describe-conditions";
import { explainGroups, type GroupExplanation, type LeafExplanation } from "./explain-groups";

export type { GroupExplanation, LeafExplanation } from "./explain-groups";

export type MembershipExplanation = {
  /** In the segment's stored membership right now. */
  isMember: boolean;
  /** What the conditions say right now (differs from isMember only while a change is being applied). */
  matches: boolean;
  leaves: LeafExplanation[];
  /** The same results as a tree: each group's own result with its conditions under it. */
  tree: GroupExplanation;
};

function leavesWithPaths(node: Condition, path: number[] = []): { leaf: LeafCondition; path: number[] }[] {
  if (node.type === "group") return node.conditions.flatMap((c, i) => leavesWithPaths(c, [...path, i]));
  return [{ leaf: node, path }];
}

function plural(n: number) {
  return `${n} time${n === 1 ? "" : "s"}`;
}

function showValue(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

function requirement(leaf: EventCondition): string {
  if (leaf.operator === "did_not_perform") return "needs none";
  const count = leaf.count ?? { operator: "at_least", value: 1 };
  const words = { at_least: "at least", at_most: "at most", exactly: "exactly" }[count.operator];
  return `needs ${words} ${count.value}`;
}

/**
 * "Why is this customer (not) in the segment?": for every condition, whether it holds
 * for the customer and the customer's actual value. One query, evaluated by the same
 * compiler as the membership itself.
 */
export async function explainMembership(
  db: DbOrTx,
  workspaceId: string,
  segmentPublicId: string,
  customerId: number,
  now = new Date(),
): Promise<MembershipExplanation> {
  const [segment] = await db
    .select({ id: segments.id, type: segments.type, conditions: segments.conditions })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.publicId, segmentPublicId)));
  if (!segment) throw new NotFoundError("Segment not found");
  if (segment.type !== "automatic") throw new UserError("Only automatic segments have conditions to explain");
  const tree = conditionTreeSchema.parse(segment.conditions);
  const items = leavesWithPaths(tree);
  const options = { workspaceId, now };
  const columns: SQL[] = [sql`${compileSegmentPredicate(tree, options)} AS matches`];
  items.forEach(({ leaf }, i) => {
    columns.push(sql`${compileSegmentPredicate({ type: "group", operator: "and", conditions: [leaf] }, options)} AS ${sql.raw(`m${i}`)}`);
    if (leaf.type === "event") columns.push(sql`${compileEventCount(leaf, options)} AS ${sql.raw(`n${i}`)}`);
  });
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT c.attributes, c.country, c.region, c.city, ${sql.join(columns, sql`, `)}
        FROM customers c WHERE c.workspace_id = ${workspaceId}::uuid AND c.id = ${customerId}`,
  );
  if (!row) throw new NotFoundError("Customer not found");

  const refIds = items.flatMap(({ leaf }) => (leaf.type === "segment" ? [leaf.segmentId] : []));
  const names = refIds.length
    ? Object.fromEntries(
        (
          await db
            .select({ publicId: segments.publicId, name: segments.name })
            .from(segments)
            .where(and(eq(segments.workspaceId, workspaceId), inArray(segments.publicId, refIds)))
        ).map((s) => [s.publicId, s.name]),
      )
    : {};
  const attributes = (typeof row.attributes === "string" ? JSON.parse(row.attributes) : row.attributes) as Record<string, unknown>;
  const [membership] = await db
    .select({ customerId: segmentMembers.customerId })
    .from(segmentMembers)
    .where(and(eq(segmentMembers.segmentId, segment.id), eq(segmentMembers.customerId, customerId)));

  const leaves = items.map(({ leaf, path }, i): LeafExplanation => {
    const matched = row[`m${i}`] === true;
    let actual: string;
    switch (leaf.type) {
      case "attribute":
        actual = `${humanize(leaf.key)}: ${showValue(attributes[leaf.key])}`;
        break;
      case "location":
        actual = `${humanize(leaf.field)}: ${showValue(row[leaf.field])}`;
        break;
      case "event": {
        const n = toNumber(row[`n${i}`]);
        // The marketer's words first ("Placed an order: 1 time"), as in the definition above it.
        actual = `${eventLabel(leaf.event)}: ${plural(n)}${describeWindow(leaf.window)}${leaf.filters.length ? " (with the filters)" : ""} — ${requirement(leaf)}`;
        break;
      }
      case "segment":
        actual = matched === (leaf.operator === "in") ? `in "${names[leaf.segmentId] ?? leaf.segmentId}"` : `not in "${names[leaf.segmentId] ?? leaf.segmentId}"`;
        break;
    }
    return { path, description: describeLeaf(leaf, names), matched, actual };
  });
  return { isMember: Boolean(membership), matches: row.matches === true, leaves, tree: explainGroups(tree, leaves) };
}
