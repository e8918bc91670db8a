import { LIMITS, type ValueOperator, type ValueType } from "@/lib/segments/condition-schema";
import type { CatalogValue } from "./catalog";
import { emptyFilter, parseNumber, type DraftEvent, type DraftFilter, type DraftGroup, type DraftLeaf, type DraftNode } from "./draft";
import { defaultOperator, operatorsByType } from "./operators";

/** Immutable edits of a draft, addressed by node id. */

export function mapNode(node: DraftNode, id: string, fn: (n: DraftNode) => DraftNode): DraftNode {
  if (node.id === id) return fn(node);
  if (node.kind !== "group") return node;
  let changed = false;
  const children = node.children.map((c) => {
    const next = mapNode(c, id, fn);
    if (next !== c) changed = true;
    return next;
  });
  return changed ? { ...node, children } : node;
}

export function updateNode<T extends DraftNode>(root: DraftGroup, id: string, fn: (n: T) => T): DraftGroup {
  return mapNode(root, id, (n) => fn(n as T)) as DraftGroup;
}

export function addChild(root: DraftGroup, groupId: string, child: DraftNode): DraftGroup {
  return updateNode<DraftGroup>(root, groupId, (g) => ({ ...g, children: [...g.children, child] }));
}

/** Removes a node; a nested group left empty goes too (the root stays, possibly empty). */
export function removeNode(root: DraftGroup, id: string): DraftGroup {
  const prune = (group: DraftGroup): DraftGroup => {
    const children: DraftNode[] = [];
    for (const c of group.children) {
      if (c.id === id) continue;
      if (c.kind === "group") {
        const next = prune(c);
        if (next.children.length === 0) continue;
        children.push(next === c ? c : next);
      } else children.push(c);
    }
    return children.length === group.children.length && children.every((c, i) => c === group.children[i]) ? group : { ...group, children };
  };
  return prune(root);
}

/** Depth of each group (the root is 1), as the schema counts it. */
export function groupDepth(root: DraftGroup, groupId: string): number {
  const walk = (g: DraftGroup, depth: number): number => {
    if (g.id === groupId) return depth;
    for (const c of g.children) {
      if (c.kind === "group") {
        const d = walk(c, depth + 1);
        if (d > 0) return d;
      }
    }
    return 0;
  };
  return walk(root, 1);
}

export function canAddGroup(root: DraftGroup, groupId: string): boolean {
  return groupDepth(root, groupId) < LIMITS.maxDepth;
}

export function leafCount(node: DraftNode): number {
  return node.kind === "group" ? node.children.reduce((n, c) => n + leafCount(c), 0) : 1;
}

export function canAddCondition(root: DraftGroup): boolean {
  return leafCount(root) < LIMITS.maxConditions;
}

/** A new attribute row for a catalog key (or a typed one), with an operator that fits its type. */
export function newAttribute(id: string, attribute: Pick<CatalogValue, "key" | "type">): DraftLeaf {
  const op = defaultOperator[attribute.type];
  return { id, kind: "attribute", key: attribute.key, valueType: attribute.type, filter: withDefaults(emptyFilter(op, attribute.type), op) };
}

export function newEvent(id: string, event: string, operator: DraftEvent["operator"] = "performed"): DraftEvent {
  return { id, kind: "event", event, operator, count: null, window: { type: "ever", amount: "30", unit: "days", from: "", to: "" }, filters: [] };
}

function withDefaults(f: DraftFilter, op: ValueOperator): DraftFilter {
  return op === "within_last_days" || op === "more_than_days_ago" ? { ...f, days: f.days || "30" } : f;
}

/** A new key (and maybe type) for an attribute row or property filter: keeps the operator when it still fits. */
export function retype<T extends { key: string; valueType: ValueType; filter: DraftFilter }>(row: T, key: string, valueType: ValueType): T {
  if (valueType === row.valueType) return { ...row, key };
  const fits = operatorsByType[valueType].includes(row.filter.operator);
  const op = fits ? row.filter.operator : defaultOperator[valueType];
  const filter = fits ? row.filter : withDefaults(emptyFilter(op, valueType), op);
  return {
    ...row,
    key,
    valueType,
    filter: {
      ...filter,
      value: valueType === "boolean" && filter.value !== "true" && filter.value !== "false" ? "true" : filter.value,
      values: filter.values.map((v) => (valueType === "number" ? v : String(v))),
    },
  };
}

/** Another operator for a filter: what was typed is kept where it still makes sense. */
export function changeOperator(f: DraftFilter, operator: ValueOperator, valueType: ValueType): DraftFilter {
  const next = withDefaults({ ...f, operator }, operator);
  // "is one of" takes over a single typed value, and gives its only value back.
  if ((operator === "is_one_of" || operator === "is_not_one_of") && next.values.length === 0 && f.value.trim()) {
    next.values = [listValue(f.value, valueType)];
  }
  if (!(operator === "is_one_of" || operator === "is_not_one_of") && !next.value && f.values.length === 1) next.value = String(f.values[0]);
  return next;
}

/** A value typed into a list: a number for number attributes when it reads as one. */
export function listValue(text: string, valueType: ValueType): string | number {
  const t = text.trim();
  if (valueType !== "number") return t;
  const n = parseNumber(t);
  return typeof n === "number" ? n : t;
}
