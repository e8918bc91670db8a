import {
  isDateOnly,
  parseIsoDate,
  windowBound,
  type Condition,
  type EventCondition,
  type ValueFilter,
} from "@/lib/segments/condition-schema";

/**
 * A deliberately plain TypeScript reading of the condition model, written from the
 * definitions rather than from the compiler, so property tests can check that the SQL
 * selects exactly the customers this selects.
 */

export type RefCustomer = {
  id: number;
  attributes: Record<string, unknown>;
  country: string | null;
  region: string | null;
  city: string | null;
};
export type RefEvent = { customerId: number; name: string; properties: Record<string, unknown>; occurredAt: Date };
export type RefWorld = { customers: RefCustomer[]; events: RefEvent[]; segments: Record<string, Set<number>> };

const DAY = 86_400_000;

function asDate(v: unknown): number | null {
  return typeof v === "string" ? parseIsoDate(v) : null;
}

function span(value: string): [number, number] {
  const start = windowBound(value, "start");
  return [start, isDateOnly(value) ? start + DAY : start + 1];
}

function positive(v: unknown, f: ValueFilter, now: number): boolean {
  switch (f.operator) {
    case "exists":
    case "not_exists":
      return v !== undefined && v !== null;
    case "equals":
    case "not_equals": {
      if (f.valueType === "date") {
        const t = asDate(v);
        const [a, b] = span(f.value);
        return t !== null && t >= a && t < b;
      }
      return typeof v === typeof f.value && v === f.value;
    }
    case "contains":
    case "not_contains":
      return typeof v === "string" && v.includes(f.value);
    case "starts_with":
      return typeof v === "string" && v.startsWith(f.value);
    case "ends_with":
      return typeof v === "string" && v.endsWith(f.value);
    case "gt":
      return typeof v === "number" && v > f.value;
    case "gte":
      return typeof v === "number" && v >= f.value;
    case "lt":
      return typeof v === "number" && v < f.value;
    case "lte":
      return typeof v === "number" && v <= f.value;
    case "between": {
      if (f.valueType === "number") return typeof v === "number" && v >= f.from && v <= f.to;
      const t = asDate(v);
      return t !== null && t >= span(f.from)[0] && t < span(f.to)[1];
    }
    case "is_one_of":
    case "is_not_one_of":
      return f.values.some((x) => typeof x === typeof v && x === v);
    case "before": {
      const t = asDate(v);
      return t !== null && t < span(f.value)[0];
    }
    case "after": {
      const t = asDate(v);
      return t !== null && t >= span(f.value)[1];
    }
    case "within_last_days": {
      const t = asDate(v);
      return t !== null && t >= now - f.days * DAY && t <= now;
    }
    case "more_than_days_ago": {
      const t = asDate(v);
      return t !== null && t < now - f.days * DAY;
    }
  }
}

export function refValue(v: unknown, f: ValueFilter, now: number): boolean {
  const p = positive(v, f, now);
  return ["not_exists", "not_equals", "not_contains", "is_not_one_of"].includes(f.operator) ? !p : p;
}

export function refEventCount(c: EventCondition, customerId: number, world: RefWorld, now: number): number {
  return world.events.filter((e) => {
    if (e.customerId !== customerId || e.name !== c.event) return false;
    const t = e.occurredAt.getTime();
    const w = c.window;
    if (w.type === "last") {
      const size = w.amount * (w.unit === "days" ? DAY : 3_600_000);
      if (t < now - size || t > now) return false;
    }
    if (w.type === "between" && (t < windowBound(w.from, "start") || t >= windowBound(w.to, "end"))) return false;
    return c.filters.every((f) => refValue(e.properties[f.key], f.filter, now));
  }).length;
}

export function refMatches(node: Condition, customer: RefCustomer, world: RefWorld, now: number): boolean {
  switch (node.type) {
    case "group":
      return node.operator === "and"
        ? node.conditions.every((c) => refMatches(c, customer, world, now))
        : node.conditions.some((c) => refMatches(c, customer, world, now));
    case "attribute":
      return refValue(customer.attributes[node.key], node.filter, now);
    case "location": {
      const value = customer[node.field];
      const inList = value !== null && node.values.includes(value);
      return node.operator === "is_one_of" ? inList : !inList;
    }
    case "event": {
      const n = refEventCount(node, customer.id, world, now);
      if (node.operator === "did_not_perform") return n === 0;
      const count = node.count ?? { operator: "at_least", value: 1 };
      if (count.operator === "at_least") return n >= count.value;
      if (count.operator === "at_most") return n <= count.value;
      return n === count.value;
    }
    case "segment": {
      const inSegment = world.segments[node.segmentId]?.has(customer.id) ?? false;
      return node.operator === "in" ? inSegment : !inSegment;
    }
  }
}

export function refSelect(tree: Condition, world: RefWorld, now: number): number[] {
  return world.customers.filter((c) => refMatches(tree, c, world, now)).map((c) => c.id).sort((a, b) => a - b);
}
