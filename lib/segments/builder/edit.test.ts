import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/segments/condition-schema";
import { emptyFilter, toTree, type DraftAttribute, type DraftGroup, type DraftNode } from "./draft";
import { addChild, canAddCondition, canAddGroup, changeOperator, groupDepth, newAttribute, removeNode, retype, updateNode } from "./edit";
import { emailActivityEvent } from "./email-activity";
import { inferValueType, operatorsByType } from "./operators";

const leaf = (id: string): DraftAttribute => newAttribute(id, { key: "plan", type: "string" }) as DraftAttribute;
const group = (id: string, children: DraftNode[]): DraftGroup => ({ id, kind: "group", operator: "and", children });

describe("edits", () => {
  it("adds, updates and removes by id without touching other nodes", () => {
    const a = leaf("a");
    let root = group("root", [a, group("g", [leaf("b")])]);
    root = addChild(root, "g", leaf("c"));
    expect((root.children[1] as DraftGroup).children.map((c) => c.id)).toEqual(["b", "c"]);
    const updated = updateNode<DraftAttribute>(root, "c", (n) => ({ ...n, key: "country" }));
    expect(updated.children[0]).toBe(a);
    expect(((updated.children[1] as DraftGroup).children[1] as DraftAttribute).key).toBe("country");
    expect(removeNode(updated, "b").children[1]).toMatchObject({ id: "g", children: [{ id: "c" }] });
  });

  it("removes a nested group left empty, but never the root", () => {
    const root = group("root", [leaf("a"), group("g", [group("h", [leaf("b")])])]);
    expect(removeNode(root, "b").children.map((c) => c.id)).toEqual(["a"]);
    expect(removeNode(removeNode(root, "b"), "a")).toEqual(group("root", []));
  });

  it("allows groups down to the schema's depth limit and conditions up to its count limit", () => {
    let root = group("g1", []);
    for (let d = 2; d <= LIMITS.maxDepth; d++) root = addChild(root, `g${d - 1}`, group(`g${d}`, []));
    expect(groupDepth(root, `g${LIMITS.maxDepth}`)).toBe(LIMITS.maxDepth);
    expect(canAddGroup(root, `g${LIMITS.maxDepth - 1}`)).toBe(true);
    expect(canAddGroup(root, `g${LIMITS.maxDepth}`)).toBe(false);
    const full = group("r", Array.from({ length: LIMITS.maxConditions }, (_, i) => leaf(`l${i}`)));
    expect(canAddCondition(full)).toBe(false);
    expect(canAddCondition(removeNode(full, "l0"))).toBe(true);
  });

  it("starts new rows with an operator that fits the type", () => {
    for (const type of ["string", "number", "boolean", "date"] as const) {
      const row = newAttribute("x", { key: "k", type }) as DraftAttribute;
      expect(operatorsByType[type]).toContain(row.filter.operator);
    }
    expect(toTree(newAttribute("x", { key: "signup", type: "date" }))).toEqual({
      type: "attribute",
      key: "signup",
      filter: { operator: "within_last_days", days: 30 },
    });
    expect(toTree(newAttribute("x", { key: "subscribed", type: "boolean" }))).toMatchObject({ filter: { operator: "equals", valueType: "boolean", value: true } });
  });

  it("keeps the operator when a new key has a type it fits, and resets it otherwise", () => {
    const row = { ...leaf("a"), filter: { ...emptyFilter("is_one_of"), values: ["1", "2"] } };
    expect(retype(row, "age", "number").filter).toMatchObject({ operator: "is_one_of", values: ["1", "2"] });
    expect(retype({ ...row, filter: { ...emptyFilter("contains"), value: "x" } }, "ltv", "number").filter.operator).toBe("equals");
    expect(retype(row, "flag", "boolean").filter).toMatchObject({ operator: "equals", value: "true" });
  });

  it("carries a typed value into a list and back when the operator changes", () => {
    const typed = { ...emptyFilter("equals"), value: "42" };
    expect(changeOperator(typed, "is_one_of", "number").values).toEqual([42]);
    expect(changeOperator(typed, "is_one_of", "string").values).toEqual(["42"]);
    expect(changeOperator({ ...emptyFilter("is_one_of"), values: ["pro"] }, "equals", "string").value).toBe("pro");
    expect(changeOperator(emptyFilter("equals"), "within_last_days", "date").days).toBe("30");
  });
});

describe("operators", () => {
  it("infers a type from a saved filter when the catalog does not know the key", () => {
    expect(inferValueType({ operator: "gt" })).toBe("number");
    expect(inferValueType({ operator: "before" })).toBe("date");
    expect(inferValueType({ operator: "is_one_of", values: [1, 2] })).toBe("number");
    expect(inferValueType({ operator: "is_one_of", values: [1, "a"] })).toBe("string");
    expect(inferValueType({ operator: "equals", valueType: "boolean" }, "string")).toBe("boolean");
  });
});

describe("emailActivityEvent", () => {
  it("maps email activity to the event names the workspace has", () => {
    expect(emailActivityEvent("opened", ["page_viewed", "email_opened", "email_clicked"])).toEqual({ name: "email_opened", seen: true });
    expect(emailActivityEvent("clicked", ["page_viewed", "email_opened", "link_clicked", "email_clicked"])).toEqual({ name: "email_clicked", seen: true });
    expect(emailActivityEvent("opened", ["Email Opened"])).toEqual({ name: "Email Opened", seen: true });
    expect(emailActivityEvent("clicked", ["Newsletter Link Click"])).toEqual({ name: "Newsletter Link Click", seen: true });
    expect(emailActivityEvent("opened", ["page_viewed"])).toEqual({ name: "email_opened", seen: false });
  });
});
