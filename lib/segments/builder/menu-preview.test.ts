import { describe, expect, it } from "vitest";
import type { CatalogEvent } from "./catalog";
import { ALL_EVENTS_UP_TO, EVENT_PREVIEW_ITEMS, previewEvents } from "./menu-preview";

const ev = (name: string, count?: number): CatalogEvent => ({ name, count, properties: [] });

describe("previewEvents", () => {
  it("shows every event of a workspace with few, labelled and common ones first", () => {
    // The demo's events by name: order_completed sorted fifth and the menu showed four.
    // "constructor": a name on every object's prototype is not a labelled event.
    const demo = [ev("added_to_cart", 900), ev("app_opened", 8000), ev("constructor", 2), ev("order_completed", 120), ev("page_viewed", 5000), ev("zzz_rare", 1)];
    expect(previewEvents(demo).map((e) => e.name)).toEqual(["page_viewed", "added_to_cart", "order_completed", "app_opened", "constructor", "zzz_rare"]);
    expect(previewEvents(demo.slice(0, 0))).toEqual([]);
  });

  it("past a few, keeps the labelled ones and the most frequent", () => {
    const many = Array.from({ length: ALL_EVENTS_UP_TO + 5 }, (_, i) => ev(`custom_${String(i).padStart(2, "0")}`, i));
    many.push(ev("order_completed", 0));
    const shown = previewEvents(many).map((e) => e.name);
    expect(shown).toHaveLength(EVENT_PREVIEW_ITEMS);
    expect(shown[0]).toBe("order_completed");
    expect(shown[1]).toBe(`custom_${ALL_EVENTS_UP_TO + 4}`);
    expect(shown).not.toContain("custom_00");
  });

  it("without counts, orders the rest by name", () => {
    expect(previewEvents([ev("b"), ev("a"), ev("signed_up")]).map((e) => e.name)).toEqual(["signed_up", "a", "b"]);
  });
});
