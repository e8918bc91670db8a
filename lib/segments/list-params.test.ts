import { describe, expect, it } from "vitest";
import { parseSegmentListParams, segmentListHref, toggleSort } from "./list-params";

describe("segment list params", () => {
  it("reads the defaults from an empty URL and writes them back as /segments", () => {
    const params = parseSegmentListParams({});
    expect(params).toEqual({ q: "", type: undefined, sort: "changed", dir: "desc" });
    expect(segmentListHref(params)).toBe("/segments");
  });

  it("round-trips search, type, sort and a non-default direction", () => {
    const params = parseSegmentListParams({ q: "  vip  ", type: "manual", sort: "size", dir: "asc" });
    expect(params).toEqual({ q: "vip", type: "manual", sort: "size", dir: "asc" });
    expect(parseSegmentListParams(Object.fromEntries(new URL(segmentListHref(params), "http://x").searchParams))).toEqual(params);
  });

  it("ignores unknown values and repeated keys fall back to the first", () => {
    expect(parseSegmentListParams({ type: "robots", sort: "id; drop table", dir: "sideways" })).toEqual({
      q: "",
      type: undefined,
      sort: "changed",
      dir: "desc",
    });
    expect(parseSegmentListParams({ sort: ["name", "size"] }).sort).toBe("name");
  });

  it("cuts an overlong search", () => {
    expect(parseSegmentListParams({ q: "x".repeat(500) }).q).toHaveLength(120);
  });

  it("a header click picks its natural direction first, then flips it", () => {
    const start = parseSegmentListParams({});
    const byName = toggleSort(start, "name");
    expect(byName).toMatchObject({ sort: "name", dir: "asc" });
    expect(toggleSort(byName, "name")).toMatchObject({ sort: "name", dir: "desc" });
    expect(toggleSort(byName, "size")).toMatchObject({ sort: "size", dir: "desc" });
  });
});
