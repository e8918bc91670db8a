import type { Condition, ConditionGroup } from "./condition-schema";

/** One condition's result for a customer (see explainMembership). */
export type LeafExplanation = {
  /** Position in the tree: indexes from the root group down. */
  path: number[];
  description: string;
  matched: boolean;
  /** The customer's actual value, in words: `Placed an order: 1 time in the last 30 days — needs at least 2`. */
  actual: string;
};

/**
 * An "all of" / "any of" group's own result, with its conditions under it: a marketer sees
 * that an "any of" group passed because one of its conditions did, not only a flat list in
 * which two of three conditions are false.
 */
export type GroupExplanation = {
  type: "group";
  path: number[];
  operator: "and" | "or";
  /** "All of these" / "Any of these": the builder's words for and / or. */
  description: string;
  matched: boolean;
  /** How many of its conditions hold, in words: "1 of 3 hold — one is enough". */
  actual: string;
  children: ExplanationNode[];
};

export type ExplanationNode = GroupExplanation | ({ type: "leaf" } & LeafExplanation);

/**
 * The tree of results from the leaves' results. A group's result is the and / or of its
 * children's, which is how the compiler builds a group's predicate (no negation at group
 * level), so the root's result equals the segment's `matches` from SQL.
 */
export function explainGroups(tree: ConditionGroup, leaves: readonly LeafExplanation[]): GroupExplanation {
  const byPath = new Map(leaves.map((leaf) => [leaf.path.join("."), leaf]));
  const walk = (node: Condition, path: number[]): ExplanationNode => {
    if (node.type !== "group") {
      const leaf = byPath.get(path.join("."));
      if (!leaf) throw new Error(`No result for the condition at ${path.join(".") || "the root"}`);
      return { type: "leaf", ...leaf };
    }
    const children = node.conditions.map((child, i) => walk(child, [...path, i]));
    const held = children.filter((c) => c.matched).length;
    const all = children.length;
    const matched = node.operator === "and" ? held === all : held > 0;
    return {
      type: "group",
      path,
      operator: node.operator,
      description: node.operator === "and" ? "All of these" : "Any of these",
      matched,
      actual: groupActual(node.operator, held, all),
      children,
    };
  };
  return walk(tree, []) as GroupExplanation;
}

function groupActual(operator: "and" | "or", held: number, all: number): string {
  const hold = `${held} of ${all} ${held === 1 ? "holds" : "hold"}`;
  if (operator === "and") return held === all ? `${hold}` : `${hold} — needs all of them`;
  return held > 0 ? `${hold} — one is enough` : `none of ${all} ${all === 1 ? "holds" : "hold"} — needs at least one`;
}
