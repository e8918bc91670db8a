import { describe, expect, it } from "vitest";
import { currentCursor, MAX_CURSOR_TRAIL, memberPageHrefs, parseMemberPageParams } from "./member-page-params";

describe("member page params", () => {
  it("starts on the first page with no search", () => {
    const params = parseMemberPageParams({});
    expect(params).toEqual({ q: "", trail: [] });
    expect(currentCursor(params)).toBeUndefined();
    expect(memberPageHrefs("/segments/seg_1", params, null)).toEqual({ next: null, previous: null, first: "/segments/seg_1#members" });
  });

  it("walks forward and back through the cursor trail, keeping the search", () => {
    const first = parseMemberPageParams({ q: " anna " });
    const hrefs = memberPageHrefs("/segments/seg_1", first, "k1");
    expect(hrefs.next).toBe("/segments/seg_1?q=anna&c=k1#members");
    const second = parseMemberPageParams(Object.fromEntries(new URL(hrefs.next!, "http://x").searchParams));
    expect(currentCursor(second)).toBe("k1");
    const third = parseMemberPageParams({ q: "anna", c: ["k1", "k2"] });
    expect(currentCursor(third)).toBe("k2");
    expect(memberPageHrefs("/segments/seg_1", third, null).previous).toBe("/segments/seg_1?q=anna&c=k1#members");
  });

  it("drops empty and oversized cursors and caps the trail", () => {
    expect(parseMemberPageParams({ c: ["", "x".repeat(301), "ok"] }).trail).toEqual(["ok"]);
    const long = Array.from({ length: MAX_CURSOR_TRAIL + 10 }, (_, i) => `k${i}`);
    const params = parseMemberPageParams({ c: long });
    expect(params.trail).toHaveLength(MAX_CURSOR_TRAIL);
    expect(currentCursor(params)).toBe(`k${MAX_CURSOR_TRAIL + 9}`);
  });
});
