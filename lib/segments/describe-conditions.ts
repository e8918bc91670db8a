import type { Condition, EventCondition, EventWindow, LeafCondition, ValueFilter } from "./condition-schema";

/** Friendly names for well-known events; anything else is shown by its name. */
export const eventLabels: Record<string, { performed: string; notPerformed: string }> = {
  order_completed: { performed: "placed an order", notPerformed: "did not place an order" },
  email_opened: { performed: "opened an email", notPerformed: "did not open an email" },
  email_clicked: { performed: "clicked a link in an email", notPerformed: "did not click a link in an email" },
  link_clicked: { performed: "clicked a link", notPerformed: "did not click a link" },
  page_viewed: { performed: "viewed a page", notPerformed: "did not view a page" },
  signed_up: { performed: "signed up", notPerformed: "did not sign up" },
  product_viewed: { performed: "viewed a product", notPerformed: "did not view a product" },
  added_to_cart: { performed: "added to cart", notPerformed: "did not add to cart" },
};

/**
 * An event by the marketer's words first: "Placed an order" for order_completed; an event
 * without a label keeps its name (that is what the data and the API call it).
 */
export function eventLabel(name: string): string {
  const performed = eventLabels[name]?.performed;
  return performed ? performed[0].toUpperCase() + performed.slice(1) : name;
}

/** "lifetime_value" → "Lifetime value". */
export function humanize(key: string): string {
  const words = key.replace(/[_.-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

function quote(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

function list(values: readonly unknown[], joiner: "or" | "and" = "or"): string {
  const shown = values.map(quote);
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} ${joiner} ${shown[shown.length - 1]}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** "is more than 100", "is within the last 14 days", … — what a filter asks of a value. */
export function describeFilter(filter: ValueFilter): string {
  switch (filter.operator) {
    case "exists":
      return "is set";
    case "not_exists":
      return "is not set";
    case "equals":
      return `is ${quote(filter.value)}`;
    case "not_equals":
      return `is not ${quote(filter.value)}`;
    case "contains":
      return `contains ${quote(filter.value)}`;
    case "not_contains":
      return `does not contain ${quote(filter.value)}`;
    case "starts_with":
      return `starts with ${quote(filter.value)}`;
    case "ends_with":
      return `ends with ${quote(filter.value)}`;
    case "gt":
      return `is more than ${filter.value}`;
    case "gte":
      return `is at least ${filter.value}`;
    case "lt":
      return `is less than ${filter.value}`;
    case "lte":
      return `is at most ${filter.value}`;
    case "between":
      return `is between ${quote(filter.from)} and ${quote(filter.to)}`;
    case "is_one_of":
      return filter.values.length === 1 ? `is ${quote(filter.values[0])}` : `is ${list(filter.values)}`;
    case "is_not_one_of":
      return filter.values.length === 1 ? `is not ${quote(filter.values[0])}` : `is neither ${list(filter.values, "or").replace(/ or /, " nor ")}`;
    case "before":
      return `is before ${filter.value}`;
    case "after":
      return `is after ${filter.value}`;
    case "within_last_days":
      return `is within the last ${plural(filter.days, "day")}`;
    case "more_than_days_ago":
      return `is more than ${plural(filter.days, "day")} ago`;
  }
}

export function describeWindow(window: EventWindow): string {
  if (window.type === "ever") return "";
  if (window.type === "last") return ` in the last ${window.amount === 1 ? window.unit.slice(0, -1) : plural(window.amount, window.unit.slice(0, -1))}`;
  return ` between ${window.from} and ${window.to}`;
}

function describeEvent(c: EventCondition): string {
  const label = eventLabels[c.event];
  const what = c.operator === "performed" ? (label?.performed ?? `performed "${c.event}"`) : (label?.notPerformed ?? `did not perform "${c.event}"`);
  let count = "";
  if (c.operator === "performed" && c.count) {
    const n = plural(c.count.value, "time");
    count = c.count.operator === "at_least" ? (c.count.value === 1 ? "" : ` at least ${n}`) : c.count.operator === "at_most" ? ` at most ${n}` : ` exactly ${n}`;
  }
  // "where", the builder's word for a property filter: "placed an order where amount is more than 50".
  const filters = c.filters.length ? ` where ${c.filters.map((f) => `${humanize(f.key).toLowerCase()} ${describeFilter(f.filter)}`).join(" and ")}` : "";
  return `${what}${filters}${count}${describeWindow(c.window)}`;
}

export function describeLeaf(leaf: LeafCondition, segmentNames: Record<string, string> = {}): string {
  switch (leaf.type) {
    case "attribute":
      return `${humanize(leaf.key)} ${describeFilter(leaf.filter)}`;
    case "location":
      return `${humanize(leaf.field)} ${leaf.operator === "is_one_of" ? describeFilter({ operator: "is_one_of", values: leaf.values }) : describeFilter({ operator: "is_not_one_of", values: leaf.values })}`;
    case "event":
      return describeEvent(leaf);
    case "segment": {
      const name = segmentNames[leaf.segmentId] ? `"${segmentNames[leaf.segmentId]}"` : `segment ${leaf.segmentId}`;
      return leaf.operator === "in" ? `is in ${name}` : `is not in ${name}`;
    }
  }
}

/**
 * A plain-English reading of a condition tree, e.g. `Plan is "pro" or "enterprise", and
 * placed an order at least 2 times in the last 30 days`. Nested groups are bracketed.
 */
export function describeConditions(node: Condition, segmentNames: Record<string, string> = {}, nested = false): string {
  if (node.type !== "group") return describeLeaf(node, segmentNames);
  const parts = node.conditions.map((c) => describeConditions(c, segmentNames, true));
  const text = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")}, ${node.operator} ${parts[parts.length - 1]}`;
  return nested && parts.length > 1 ? `(${text})` : text;
}
