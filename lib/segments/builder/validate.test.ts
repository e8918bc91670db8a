import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/segments/condition-schema";
import { describeConditions } from "@/lib/segments/describe-conditions";
import { emptyFilter, type DraftAttribute, type DraftEvent, type DraftGroup, type DraftNode } from "./draft";
import { newEvent } from "./edit";
import { locateIssue, nodeMessages, validateDraft, withoutInvalidRows } from "./validate";

const root = (children: DraftNode[], operator: "and" | "or" = "and"): DraftGroup => ({ id: "root", kind: "group", operator, children });
const attr = (id: string, patch: Partial<DraftAttribute> = {}): DraftAttribute => ({
  id,
  kind: "attribute",
  key: "ltv",
  valueType: "number",
  filter: { ...emptyFilter("gt"), value: "100" },
  ...patch,
});

describe("validateDraft", () => {
  it("accepts a complete draft and returns the parsed tree", () => {
    const result = validateDraft(root([attr("a")]));
    expect(result).toEqual({
      valid: true,
      errors: {},
      tree: { type: "group", operator: "and", conditions: [{ type: "attribute", key: "ltv", filter: { operator: "gt", value: 100 } }] },
    });
  });

  it("files each schema message under the row and field it is about", () => {
    const order: DraftEvent = {
      ...newEvent("e", "order_completed"),
      count: { operator: "at_least", value: "2.5" },
      filters: [{ id: "pf", key: "amount", valueType: "number", filter: { ...emptyFilter("gt"), value: "lots" } }],
    };
    const draft = root([
      attr("a", { filter: { ...emptyFilter("gt"), value: "abc" } }),
      { id: "inner", kind: "group", operator: "or", children: [attr("b", { key: "  " }), order] },
      { id: "s", kind: "segment", operator: "in", segmentId: "" },
      { id: "loc", kind: "location", field: "country", operator: "is_one_of", values: [] },
      // Not a number at all: the schema's own words, not zod's "expected number, received string".
      { ...newEvent("win", "page_viewed"), window: { type: "last", amount: "abc", unit: "days", from: "", to: "" } },
    ]);
    const result = validateDraft(draft);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual({
      a: { "filter.value": ["Enter a number"] },
      b: { key: ["Choose an attribute"] },
      e: { "count.value": ["Enter how many times as a whole number"] },
      pf: { "filter.value": ["Enter a number"] },
      s: { segmentId: ["Choose a segment"] },
      loc: { values: ["Add at least one place"] },
      win: { "window.amount": ["Enter the window as a whole number"] },
    });
    expect(nodeMessages(result.errors, "e")).toEqual([{ field: "count.value", message: "Enter how many times as a whole number" }]);
  });

  it("puts rules that span fields on the row: a window that ends before it starts, a count on 'did not perform'", () => {
    const draft = root([
      { ...newEvent("w", "signed_up"), window: { type: "between", amount: "", unit: "days", from: "2026-03-01", to: "2026-02-01" } },
      { ...newEvent("d", "signed_up", "did_not_perform"), count: { operator: "at_least", value: "1" } },
    ]);
    expect(validateDraft(draft).errors).toEqual({
      w: { window: ["The window must end after it starts"] },
      d: { count: ['"Did not perform" takes no count'] },
    });
  });

  it("reports an empty group on the group and a tree over the limits on the root", () => {
    expect(validateDraft(root([])).errors).toEqual({ root: { conditions: ["A group needs at least one condition"] } });
    let deep: DraftNode = attr("leaf");
    for (let i = 0; i < LIMITS.maxDepth; i++) deep = { id: `g${i}`, kind: "group", operator: "and", children: [deep] };
    const result = validateDraft(root([deep]));
    expect(result.errors.root?.[""]).toEqual([expect.stringMatching(/at most 5 groups deep/)]);
  });

  it("maps a path that stops at a list to the field, and an unknown path to the closest node", () => {
    const draft = root([attr("a")]);
    expect(locateIssue(draft, ["conditions", 0, "filter", "values", 3])).toEqual({ id: "a", field: "filter.values.3" });
    expect(locateIssue(draft, ["conditions", 7, "key"])).toEqual({ id: "root", field: "conditions.7.key" });
  });
});

describe("validateDraft: an empty \"is\" text", () => {
  it("is refused at the value's field, for an attribute and an event's property filter, next to the row's other messages", () => {
    const plan = attr("plan", { key: "plan", valueType: "string", filter: { ...emptyFilter("equals"), value: "" } });
    const order: DraftEvent = {
      ...newEvent("e", "order_completed"),
      count: { operator: "at_least", value: "x" },
      filters: [{ id: "pf", key: "coupon", valueType: "string", filter: { ...emptyFilter("not_equals"), value: " " } }],
    };
    const result = validateDraft(root([plan, order]));
    expect(result.valid).toBe(false);
    expect(nodeMessages(result.errors, "plan")).toEqual([{ field: "filter.value", message: "Enter a value. For customers without one, choose “is not set”" }]);
    expect(nodeMessages(result.errors, "pf")).toEqual([{ field: "filter.value", message: "Enter a value. For customers with any value, choose “is set”" }]);
    expect(nodeMessages(result.errors, "e")).toEqual([{ field: "count.value", message: "Enter how many times as a whole number" }]);
    expect(validateDraft(root([{ ...plan, filter: { ...plan.filter, value: "pro" } }])).valid).toBe(true);
  });
});

describe("withoutInvalidRows", () => {
  it("keeps the complete rows so the summary can follow the user while others are unfinished", () => {
    const draft = root([
      attr("a"),
      { id: "inner", kind: "group", operator: "or", children: [attr("b", { filter: emptyFilter("gt") })] },
      { ...newEvent("e", "order_completed"), filters: [{ id: "pf", key: "", valueType: "string", filter: emptyFilter("equals") }] },
    ]);
    const { errors } = validateDraft(draft);
    const pruned = withoutInvalidRows(draft, errors)!;
    const checked = validateDraft(pruned);
    expect(checked.valid).toBe(true);
    expect(describeConditions(checked.tree!)).toBe("Ltv is more than 100");
    expect(withoutInvalidRows(root([attr("x", { key: "" })]), validateDraft(root([attr("x", { key: "" })])).errors)).toBeUndefined();
  });
});
