import { describe, expect, it } from "vitest";
import { describeConditions, describeFilter, humanize } from "./describe-conditions";
import type { ConditionTree } from "./condition-schema";

describe("describeConditions", () => {
  it("reads the reference segment R1 in plain English", () => {
    const tree: ConditionTree = {
      type: "group",
      operator: "and",
      conditions: [
        { type: "attribute", key: "plan", filter: { operator: "is_one_of", values: ["pro", "enterprise"] } },
        { type: "location", field: "country", operator: "is_one_of", values: ["DE", "FR", "GB"] },
        { type: "event", event: "order_completed", operator: "performed", count: { operator: "at_least", value: 2 }, window: { type: "last", amount: 30, unit: "days" }, filters: [] },
      ],
    };
    expect(describeConditions(tree)).toBe(
      'Plan is "pro" or "enterprise", Country is "DE", "FR" or "GB", and placed an order at least 2 times in the last 30 days',
    );
  });

  it("says the demo's shop events in words", () => {
    const tree: ConditionTree = {
      type: "group",
      operator: "and",
      conditions: [
        { type: "event", event: "product_viewed", operator: "performed", window: { type: "last", amount: 7, unit: "days" }, filters: [] },
        { type: "event", event: "added_to_cart", operator: "did_not_perform", window: { type: "ever" }, filters: [] },
      ],
    };
    expect(describeConditions(tree)).toBe("viewed a product in the last 7 days, and did not add to cart");
  });

  it("brackets nested groups, names segments and reads negations", () => {
    const tree: ConditionTree = {
      type: "group",
      operator: "or",
      conditions: [
        { type: "segment", operator: "in", segmentId: "seg_1" },
        {
          type: "group",
          operator: "and",
          conditions: [
            { type: "attribute", key: "signup_date", filter: { operator: "within_last_days", days: 14 } },
            { type: "event", event: "email_opened", operator: "did_not_perform", window: { type: "last", amount: 1, unit: "days" }, filters: [] },
            { type: "event", event: "checkout", operator: "performed", window: { type: "ever" }, filters: [{ key: "amount", filter: { operator: "gt", value: 100 } }] },
          ],
        },
      ],
    };
    expect(describeConditions(tree, { seg_1: "VIP" })).toBe(
      'is in "VIP", or (Signup date is within the last 14 days, did not open an email in the last day, and performed "checkout" where amount is more than 100)',
    );
  });

  it("has words for every operator", () => {
    expect(describeFilter({ operator: "not_exists" })).toBe("is not set");
    expect(describeFilter({ operator: "is_not_one_of", values: ["a", "b"] })).toBe('is neither "a" nor "b"');
    expect(describeFilter({ operator: "between", valueType: "number", from: 1, to: 5 })).toBe("is between 1 and 5");
    expect(describeFilter({ operator: "more_than_days_ago", days: 1 })).toBe("is more than 1 day ago");
    expect(humanize("lifetimeValue")).toBe("Lifetime value");
  });
});
