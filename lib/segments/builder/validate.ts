import type { z } from "zod";
import { conditionTreeSchema, emptyTextValueIssues, type ConditionTree } from "@/lib/segments/condition-schema";
import { toTree, type DraftGroup, type DraftNode } from "./draft";

/**
 * Messages by draft node id, then by field within the node: "" for the node itself,
 * "filter.value", "count.value", "window", … — the zod path below the node. Property filters
 * of an event are nodes of their own (their id), so a message lands on that filter's row.
 */
export type DraftErrors = Record<string, Record<string, string[]>>;

export type DraftValidation =
  | { valid: true; tree: ConditionTree; errors: DraftErrors }
  | { valid: false; tree: undefined; errors: DraftErrors };

/**
 * Validates a draft with the one schema, `conditionTreeSchema`, plus the rule for new
 * definitions (no empty "is" text: `newConditionTreeSchema`, which the create and update
 * actions use), and files each issue under its row. The empty-value rule is checked on the
 * raw tree so its message shows at once, beside whatever else the schema says.
 */
export function validateDraft(draft: DraftGroup): DraftValidation {
  const raw = toTree(draft);
  const parsed = conditionTreeSchema.safeParse(raw);
  const issues = [...(parsed.success ? [] : parsed.error.issues), ...emptyTextValueIssues(raw)];
  if (parsed.success && issues.length === 0) return { valid: true, tree: parsed.data, errors: {} };
  return { valid: false, tree: undefined, errors: issuesByNode(draft, issues) };
}

/** Walks an issue's path through the draft: ["conditions", 2, "conditions", 0, "filter", "value"] → node, "filter.value". */
export function locateIssue(draft: DraftGroup, path: readonly PropertyKey[]): { id: string; field: string } {
  let node: DraftNode = draft;
  let i = 0;
  while (node.kind === "group" && path[i] === "conditions" && typeof path[i + 1] === "number") {
    const child: DraftNode | undefined = node.children[path[i + 1] as number];
    if (!child) break;
    node = child;
    i += 2;
  }
  if (node.kind === "event" && path[i] === "filters" && typeof path[i + 1] === "number") {
    const row = node.filters[path[i + 1] as number];
    if (row) return { id: row.id, field: path.slice(i + 2).map(String).join(".") };
  }
  return { id: node.id, field: path.slice(i).map(String).join(".") };
}

export function issuesByNode(draft: DraftGroup, issues: readonly Pick<z.core.$ZodIssue, "path" | "message">[]): DraftErrors {
  const out: DraftErrors = {};
  for (const issue of issues) {
    const { id, field } = locateIssue(draft, issue.path);
    const byField = (out[id] ??= {});
    const list = (byField[field] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

/** The messages for one node, field by field, in a stable order. */
export function nodeMessages(errors: DraftErrors, id: string): { field: string; message: string }[] {
  return Object.entries(errors[id] ?? {}).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
}

/**
 * The draft without the rows that have errors (and groups left empty by that), so the
 * plain-English summary can follow the user while some rows are still incomplete.
 */
export function withoutInvalidRows(draft: DraftGroup, errors: DraftErrors): DraftGroup | undefined {
  const bad = (id: string) => Boolean(errors[id]);
  const prune = (node: DraftNode): DraftNode | undefined => {
    if (node.kind === "group") {
      const children = node.children.map(prune).filter((c): c is DraftNode => c !== undefined);
      return children.length ? { ...node, children } : undefined;
    }
    if (bad(node.id)) return undefined;
    if (node.kind === "event" && node.filters.some((f) => bad(f.id))) return undefined;
    return node;
  };
  const pruned = prune(draft);
  return pruned?.kind === "group" ? pruned : undefined;
}
