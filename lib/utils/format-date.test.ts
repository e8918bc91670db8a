import { describe, expect, it } from "vitest";
import { formatRelative } from "./format-date";

describe("formatRelative", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  it("says just now within a minute either way, then the distance", () => {
    expect(formatRelative(new Date("2026-12-07T12:00:00Z"), now)).toBe("just now");
    expect(formatRelative(new Date("2026-12-07T11:59:01Z"), now)).toBe("just now");
    expect(formatRelative(new Date("2026-12-07T12:00:02Z"), now)).toBe("just now");
    expect(formatRelative(new Date("2026-12-07T11:59:00Z"), now)).toBe("1 minute ago");
    expect(formatRelative(new Date("2026-12-05T12:00:00Z"), now)).toBe("2 days ago");
  });
});
