import { describe, expect, it } from "vitest";
import { parseSegmentListParams, segmentListHref, toggleSort } from "./list-params";

describe("segment list params", () => {
  it("reads the defaults from an empty URL and writes them back as /segments", () => {
    const params = parseSegmentListParams({});
    expect(params).toEqual({ q: "", type: undefined, sort: "changed", dir: "desc", page: 1 });
    expect(segmentListHref(params)).toBe("/segments");
  });

  it("round-trips search, type, sort and a non-default direction", () => {
    const params = parseSegmentListParams({ q: "  vip  ", type: "manual", sort: "size", dir: "asc", page: "3" });
    expect(params).toEqual({ q: "vip", type: "manual", sort: "size", dir: "asc", page: 3 });
    expect(parseSegmentListParams(Object.fromEntries(new URL(segmentListHref(params), "http://x").searchParams))).toEqual(params);
  });

  it("ignores unknown values and repeated keys fall back to the first", () => {
    expect(parseSegmentListParams({ type: "robots", sort: "id; drop table", dir: "sideways" })).toEqual({
      q: "",
      type: undefined,
      sort: "changed",
      dir: "desc",
      page: 1,
    });
    for (const page of ["0", "-2", "1.5", "abc", "999999"]) expect(parseSegmentListParams({ page }).page).toBe(1);
    expect(parseSegmentListParams({ sort: ["name", "size"] }).sort).toBe("name");
  });

  it("cuts an overlong search", () => {
    expect(parseSegmentListParams({ q: "x".repeat(500) }).q).toHaveLength(120);
  });

  it("a header click picks its natural direction first, then flips it, from the first page", () => {
    const start = parseSegmentListParams({ page: "4" });
    const byName = toggleSort(start, "name");
    expect(byName).toMatchObject({ sort: "name", dir: "asc", page: 1 });
    expect(toggleSort(byName, "name")).toMatchObject({ sort: "name", dir: "desc" });
    expect(toggleSort(byName, "size")).toMatchObject({ sort: "size", dir: "desc" });
  });
});
