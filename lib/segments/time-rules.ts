import type { EventWindow, LeafCondition, ValueFilter } from "./condition-schema";

/**
 * The engine's time rules in one place: how long a window is, and which conditions change
 * their answer as time passes. The compiler, the dependency analysis and the time-window
 * refresh all read them from here, so they cannot drift apart.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Length of a relative event window ("in the last 30 days", "in the last 6 hours"). */
export function windowLengthMs(window: Extract<EventWindow, { type: "last" }>): number {
  return window.amount * (window.unit === "days" ? DAY_MS : HOUR_MS);
}

/** Filters whose answer changes as time passes ("within the last 14 days"). */
export function isRelativeDateFilter(filter: ValueFilter): filter is Extract<ValueFilter, { operator: "within_last_days" | "more_than_days_ago" }> {
  return filter.operator === "within_last_days" || filter.operator === "more_than_days_ago";
}

/** How far back from now a relative date filter reaches. */
export function relativeFilterLengthMs(filter: Extract<ValueFilter, { operator: "within_last_days" | "more_than_days_ago" }>): number {
  return filter.days * DAY_MS;
}

/**
 * A point of a leaf that slides as time passes: a value (a customer attribute, an event's
 * occurred_at, an event property) is compared with now − lengthMs.
 */
export type TimeEdge =
  | { on: "attribute"; key: string; lengthMs: number }
  | { on: "event-time"; event: string; lengthMs: number }
  | { on: "event-property"; event: string; key: string; lengthMs: number };

/** Every time edge of one leaf; none for a leaf whose answer does not depend on the clock. */
export function timeEdges(leaf: LeafCondition): TimeEdge[] {
  if (leaf.type === "attribute") {
    return isRelativeDateFilter(leaf.filter) ? [{ on: "attribute", key: leaf.key, lengthMs: relativeFilterLengthMs(leaf.filter) }] : [];
  }
  if (leaf.type !== "event") return [];
  const edges: TimeEdge[] = [];
  if (leaf.window.type === "last") edges.push({ on: "event-time", event: leaf.event, lengthMs: windowLengthMs(leaf.window) });
  for (const f of leaf.filters) {
    if (isRelativeDateFilter(f.filter)) edges.push({ on: "event-property", event: leaf.event, key: f.key, lengthMs: relativeFilterLengthMs(f.filter) });
  }
  return edges;
}
