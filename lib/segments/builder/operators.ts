import type { ValueOperator, ValueType } from "@/lib/segments/condition-schema";

/** Operators that make sense for each value type, in the order the menu shows them. */
export const operatorsByType: Record<ValueType, readonly ValueOperator[]> = {
  string: ["equals", "not_equals", "is_one_of", "is_not_one_of", "contains", "not_contains", "starts_with", "ends_with", "exists", "not_exists"],
  number: ["equals", "not_equals", "gt", "gte", "lt", "lte", "between", "is_one_of", "is_not_one_of", "exists", "not_exists"],
  boolean: ["equals", "not_equals", "exists", "not_exists"],
  date: ["within_last_days", "more_than_days_ago", "before", "after", "equals", "not_equals", "between", "exists", "not_exists"],
};

export const defaultOperator: Record<ValueType, ValueOperator> = {
  string: "equals",
  number: "equals",
  boolean: "equals",
  date: "within_last_days",
};

const labels: Record<ValueOperator, string> = {
  equals: "is",
  not_equals: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  is_one_of: "is one of",
  is_not_one_of: "is not one of",
  before: "is before",
  after: "is after",
  within_last_days: "is within the last",
  more_than_days_ago: "is more than",
  exists: "is set",
  not_exists: "is not set",
};

export function operatorLabel(operator: ValueOperator, type: ValueType): string {
  if (type === "date" && operator === "equals") return "is on";
  if (type === "date" && operator === "not_equals") return "is not on";
  return labels[operator];
}

export const valueTypeLabels: Record<ValueType, string> = { string: "text", number: "number", boolean: "true/false", date: "date" };

/**
 * The type a filter's operator implies, for reading a saved tree back into the builder.
 * `hint` (the attribute's type in the catalog) wins when the operator fits it, so "is set"
 * on a date attribute keeps offering date operators.
 */
export function inferValueType(
  filter: { operator: ValueOperator; valueType?: ValueType; values?: readonly unknown[] },
  hint?: ValueType,
): ValueType {
  if ("valueType" in filter && filter.valueType) return filter.valueType;
  if (hint && operatorsByType[hint].includes(filter.operator)) return hint;
  switch (filter.operator) {
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return "number";
    case "before":
    case "after":
    case "within_last_days":
    case "more_than_days_ago":
      return "date";
    case "is_one_of":
    case "is_not_one_of":
      return filter.values?.length && filter.values.every((v) => typeof v === "number") ? "number" : "string";
    default:
      return "string";
  }
}
