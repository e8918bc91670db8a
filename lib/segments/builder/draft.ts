import type {
  Condition,
  ConditionTree,
  EventCondition,
  LeafCondition,
  ValueFilter,
  ValueOperator,
  ValueType,
} from "@/lib/segments/condition-schema";
import { inferValueType } from "./operators";

/**
 * The builder's own state: the condition tree as the user is editing it. It differs from
 * the tree in three ways the UI needs: every node has a stable id (React keys, and where a
 * validation message is shown), numbers are kept as typed ("1." while typing), and a
 * value filter keeps every slot (value, range, list, days) so switching operators does not
 * throw away what was typed. `toTree` turns it into the JSON the one zod schema checks;
 * `fromTree` reads a saved tree back. Both are pure; `toTree(fromTree(t))` equals `t`.
 */

export type DraftFilter = {
  operator: ValueOperator;
  /** equals / contains / gt … / before / after; "true" | "false" for booleans. */
  value: string;
  from: string;
  to: string;
  values: (string | number)[];
  days: string;
};

export type DraftPropertyFilter = { id: string; key: string; valueType: ValueType; filter: DraftFilter };

export type DraftAttribute = { id: string; kind: "attribute"; key: string; valueType: ValueType; filter: DraftFilter };
export type DraftLocation = {
  id: string;
  kind: "location";
  field: "country" | "region" | "city";
  operator: "is_one_of" | "is_not_one_of";
  values: string[];
};
export type DraftEvent = {
  id: string;
  kind: "event";
  event: string;
  operator: "performed" | "did_not_perform";
  /** null: no count given ("at least once"). */
  count: { operator: "at_least" | "at_most" | "exactly"; value: string } | null;
  window: { type: "ever" | "last" | "between"; amount: string; unit: "days" | "hours"; from: string; to: string };
  filters: DraftPropertyFilter[];
};
export type DraftSegment = { id: string; kind: "segment"; operator: "in" | "not_in"; segmentId: string };
export type DraftLeaf = DraftAttribute | DraftLocation | DraftEvent | DraftSegment;
export type DraftGroup = { id: string; kind: "group"; operator: "and" | "or"; children: DraftNode[] };
export type DraftNode = DraftLeaf | DraftGroup;

export type IdMaker = () => string;

/** Ids c1, c2, … in reading order: the same on the server and in the browser (no hydration mismatch). */
export function sequentialIds(prefix = "c", start = 0): IdMaker {
  let n = start;
  return () => `${prefix}${++n}`;
}

export function emptyFilter(operator: ValueOperator, valueType: ValueType = "string"): DraftFilter {
  return { operator, value: valueType === "boolean" ? "true" : "", from: "", to: "", values: [], days: "" };
}

// ---------------------------------------------------------------------------
// Draft → tree
// ---------------------------------------------------------------------------

const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A typed number as the schema sees it: a number when it reads as one, nothing when empty,
 * and otherwise the text itself, so the schema answers "Enter a number" at that field.
 */
export function parseNumber(text: string): number | string | undefined {
  const t = text.trim().replace(/,/g, "");
  if (t === "") return undefined;
  return numberPattern.test(t) ? Number(t) : text;
}

function typedValue(text: string, valueType: ValueType): unknown {
  if (valueType === "number") return parseNumber(text);
  if (valueType === "boolean") return text === "true" ? true : text === "false" ? false : undefined;
  return text;
}

export function filterToTree(f: DraftFilter, valueType: ValueType): Record<string, unknown> {
  switch (f.operator) {
    case "exists":
    case "not_exists":
      return { operator: f.operator };
    case "equals":
    case "not_equals":
      return { operator: f.operator, valueType, value: typedValue(f.value, valueType) };
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with":
    case "before":
    case "after":
      return { operator: f.operator, value: f.value };
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return { operator: f.operator, value: parseNumber(f.value) };
    case "between": {
      const type = valueType === "date" ? "date" : "number";
      return { operator: "between", valueType: type, from: typedValue(f.from, type), to: typedValue(f.to, type) };
    }
    case "is_one_of":
    case "is_not_one_of":
      return { operator: f.operator, values: [...f.values] };
    case "within_last_days":
    case "more_than_days_ago":
      return { operator: f.operator, days: parseNumber(f.days) };
  }
}

function leafToTree(n: DraftLeaf): Record<string, unknown> {
  switch (n.kind) {
    case "attribute":
      return { type: "attribute", key: n.key, filter: filterToTree(n.filter, n.valueType) };
    case "location":
      return { type: "location", field: n.field, operator: n.operator, values: [...n.values] };
    case "segment":
      return { type: "segment", operator: n.operator, segmentId: n.segmentId };
    case "event": {
      const w = n.window;
      const window =
        w.type === "ever"
          ? { type: "ever" }
          : w.type === "last"
            ? { type: "last", amount: parseNumber(w.amount), unit: w.unit }
            : { type: "between", from: w.from, to: w.to };
      return {
        type: "event",
        event: n.event,
        operator: n.operator,
        ...(n.count ? { count: { operator: n.count.operator, value: parseNumber(n.count.value) } } : {}),
        window,
        filters: n.filters.map((p) => ({ key: p.key, filter: filterToTree(p.filter, p.valueType) })),
      };
    }
  }
}

/**
 * The JSON the schema validates. Not typed as ConditionTree: a draft may hold what the
 * schema refuses (an empty value, "abc" for a number), and the schema says so at the field.
 */
export function toTree(node: DraftGroup): unknown;
export function toTree(node: DraftNode): unknown;
export function toTree(node: DraftNode): unknown {
  if (node.kind === "group") return { type: "group", operator: node.operator, conditions: node.children.map((c) => toTree(c)) };
  return leafToTree(node);
}

// ---------------------------------------------------------------------------
// Tree → draft
// ---------------------------------------------------------------------------

/** The catalog's type for an attribute key / event property, to pick operators for "is set" and lists. */
export type TypeHints = { attribute?: (key: string) => ValueType | undefined; property?: (event: string, key: string) => ValueType | undefined };

export function filterFromTree(f: ValueFilter, valueType: ValueType): DraftFilter {
  const d = emptyFilter(f.operator, valueType);
  switch (f.operator) {
    case "exists":
    case "not_exists":
      return d;
    case "equals":
    case "not_equals":
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with":
    case "gt":
    case "gte":
    case "lt":
    case "lte":
    case "before":
    case "after":
      return { ...d, value: String(f.value) };
    case "between":
      return { ...d, from: String(f.from), to: String(f.to) };
    case "is_one_of":
    case "is_not_one_of":
      return { ...d, values: [...f.values] };
    case "within_last_days":
    case "more_than_days_ago":
      return { ...d, days: String(f.days) };
  }
}

function eventFromTree(c: EventCondition, id: IdMaker, hints: TypeHints): DraftEvent {
  const w = c.window;
  return {
    id: id(),
    kind: "event",
    event: c.event,
    operator: c.operator,
    count: c.count ? { operator: c.count.operator, value: String(c.count.value) } : null,
    window: {
      type: w.type,
      amount: w.type === "last" ? String(w.amount) : "",
      unit: w.type === "last" ? w.unit : "days",
      from: w.type === "between" ? w.from : "",
      to: w.type === "between" ? w.to : "",
    },
    filters: c.filters.map((p) => {
      const valueType = inferValueType(p.filter, hints.property?.(c.event, p.key));
      return { id: id(), key: p.key, valueType, filter: filterFromTree(p.filter, valueType) };
    }),
  };
}

function leafFromTree(c: LeafCondition, id: IdMaker, hints: TypeHints): DraftLeaf {
  switch (c.type) {
    case "attribute": {
      const valueType = inferValueType(c.filter, hints.attribute?.(c.key));
      return { id: id(), kind: "attribute", key: c.key, valueType, filter: filterFromTree(c.filter, valueType) };
    }
    case "location":
      return { id: id(), kind: "location", field: c.field, operator: c.operator, values: [...c.values] };
    case "segment":
      return { id: id(), kind: "segment", operator: c.operator, segmentId: c.segmentId };
    case "event":
      return eventFromTree(c, id, hints);
  }
}

export function fromTree(tree: ConditionTree, id?: IdMaker, hints?: TypeHints): DraftGroup;
export function fromTree(node: Condition, id?: IdMaker, hints?: TypeHints): DraftNode;
export function fromTree(node: Condition, id: IdMaker = sequentialIds(), hints: TypeHints = {}): DraftNode {
  if (node.type === "group") {
    const groupId = id();
    return { id: groupId, kind: "group", operator: node.operator, children: node.conditions.map((c) => fromTree(c, id, hints)) };
  }
  return leafFromTree(node, id, hints);
}

export function emptyDraft(id: IdMaker = sequentialIds()): DraftGroup {
  return { id: id(), kind: "group", operator: "and", children: [] };
}
