import { eventLabels } from "@/lib/segments/describe-conditions";
import type { CatalogEvent } from "./catalog";

/** Up to this many events, "Add condition" lists them all before anything is typed. */
export const ALL_EVENTS_UP_TO = 8;
/** Past that, this many: the ones the marketer most likely means. */
export const EVENT_PREVIEW_ITEMS = 6;

/**
 * The events "Add condition" shows before a search. The catalog lists them by name, so the
 * first few were whatever sorts first ("added_to_cart", "email_…") and "Placed an order" was
 * hidden until typed. Events we have words for come first (they are the ones a marketer
 * reaches for), then the most frequent in the last 30 days, then by name; a workspace with few
 * events sees every one.
 */
export function previewEvents(events: readonly CatalogEvent[]): CatalogEvent[] {
  const ranked = [...events].sort(
    (a, b) =>
      Number(Object.hasOwn(eventLabels, b.name)) - Number(Object.hasOwn(eventLabels, a.name)) ||
      (b.count ?? 0) - (a.count ?? 0) ||
      a.name.localeCompare(b.name),
  );
  return ranked.length <= ALL_EVENTS_UP_TO ? ranked : ranked.slice(0, EVENT_PREVIEW_ITEMS);
}
