import type { Condition, EventCondition, ValueFilter } from "@/lib/segments/condition-schema";

/**
 * A deliberately plain TypeScript reading of the condition model, written from the
 * definitions rather than from the compiler, so property tests can check that the SQL
 * selects exactly the customers this selects. It imports nothing but types from the
 * production code: a date rule shared with the code it checks would hide a bug in both.
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const inRange = (text: string | undefined, lo: number, hi: number) => text !== undefined && Number(text) >= lo && Number(text) <= hi;

/**
 * The instant a date string stands for, from the rules: `YYYY-MM-DD` (a year from 1900 to
 * 2199, month 01–12, day 01–31; a day past the month's end rolls over, so 2026-02-30 is
 * 2 March), optionally followed by `T` or a space and `HH:MM`, `HH:MM:SS` or `HH:MM:SS.s…`
 * (up to 3 decimals), optionally followed by `Z` or a `±HH:MM` / `±HHMM` offset of at most
 * 14 hours. No offset means UTC. Anything else is not a date.
 */
function instant(text: string): number | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!date || !inRange(date[1], 1900, 2199) || !inRange(date[2], 1, 12) || !inRange(date[3], 1, 31)) return null;
  let rest = text.slice(10);
  let [hours, minutes, millis] = [0, 0, 0];
  const time = /^[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?/.exec(rest);
  if (time) {
    if (!inRange(time[1], 0, 23) || !inRange(time[2], 0, 59) || (time[3] !== undefined && !inRange(time[3], 0, 59))) return null;
    hours = Number(time[1]);
    minutes = Number(time[2]);
    millis = Number(time[3] ?? 0) * 1000 + Number((time[4] ?? "").padEnd(3, "0"));
    rest = rest.slice(time[0].length);
  }
  let offset = 0;
  if (rest === "Z") rest = "";
  const zone = /^([+-])(\d{2}):?(\d{2})$/.exec(rest);
  if (zone) {
    if (!inRange(zone[2], 0, 14) || !inRange(zone[3], 0, 59)) return null;
    offset = (zone[1] === "-" ? -1 : 1) * (Number(zone[2]) * HOUR + Number(zone[3]) * 60_000);
    rest = "";
  }
  if (rest !== "") return null;
  // Date.UTC rolls a day past the month's end into the next month, as the rule says.
  return Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), hours, minutes, 0, millis) - offset;
}

function asDate(v: unknown): number | null {
  return typeof v === "string" ? instant(v) : null;
}

/** The instants a date value covers, [from, to): the whole UTC day for a date without a time. */
function span(value: string): [number, number] {
  const start = instant(value)!;
  return [start, value.length === 10 ? start + DAY : start + 1];
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
    // From the "from" instant up to, not including, the "to" instant; a date as "to" means
    // the end of that day.
    if (w.type === "between" && (t < instant(w.from)! || t >= (w.to.length === 10 ? instant(w.to)! + DAY : instant(w.to)!))) return false;
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
