import { describe, expect, it } from "vitest";
import { menuSearchScore } from "./menu-search";

describe("menuSearchScore", () => {
  it("does not match letters spread over unrelated words (cmdk's fuzzy default did)", () => {
    expect(menuSearchScore("Performed page_viewed", "opened", ["event", "viewed a page"])).toBe(0);
    expect(menuSearchScore("Opened an email", "opened", ["email", "email_opened"])).toBe(1);
  });

  it("ranks the entry's name over its keywords", () => {
    const emailLink = menuSearchScore("Clicked a link in an email", "clicked a link", ["email", "email_clicked"]);
    const linkEvent = menuSearchScore("Performed link_clicked", "clicked a link", ["event", "clicked a link"]);
    expect(linkEvent).toBeGreaterThan(0);
    expect(emailLink).toBeGreaterThan(linkEvent);
  });

  it("finds a key by any of its words, by a part of it, and ignores case and accents", () => {
    expect(menuSearchScore("Performed order_completed", "order")).toBe(0.8);
    expect(menuSearchScore("Performed order_completed", "order_comp")).toBe(0.8);
    expect(menuSearchScore("lifetime_value", "time_val")).toBe(0.6);
    expect(menuSearchScore("Country", "country")).toBe(1);
    expect(menuSearchScore("Is in Krüger family", "kruger")).toBe(0.8);
    expect(menuSearchScore("Country", "Germny")).toBe(0);
  });

  it("shows everything before anything is typed", () => {
    expect(menuSearchScore("anything", "  ")).toBe(1);
  });
});
