"use client";

import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ValueOperator, ValueType } from "@/lib/segments/condition-schema";
import type { DraftFilter } from "@/lib/segments/builder/draft";
import { changeOperator, listValue } from "@/lib/segments/builder/edit";
import { operatorLabel, operatorsByType } from "@/lib/segments/builder/operators";
import { errorProps, useBuilder } from "./builder-context";
import { DateField } from "./date-field";
import { ListInput } from "./list-input";

const Word = ({ children }: { children: string }) => <span className="text-sm text-gray-600">{children}</span>;

/**
 * Operator and value(s) of one value filter — a customer attribute or an event property —
 * with the controls its type and operator call for. Errors are looked up under `nodeId`
 * and "filter.<slot>", the schema's own path.
 */
export function ValueFilterFields({
  nodeId,
  subject,
  valueType,
  filter,
  examples,
  onChange,
  autoFocus,
}: {
  nodeId: string;
  /** What the value is, for labels: "plan", "amount". */
  subject: string;
  valueType: ValueType;
  filter: DraftFilter;
  examples: string[];
  onChange: (filter: DraftFilter) => void;
  autoFocus?: boolean;
}) {
  const api = useBuilder();
  const listId = useId();
  const set = (patch: Partial<DraftFilter>) => onChange({ ...filter, ...patch });
  const err = (slot: string) => errorProps(api, nodeId, `filter.${slot}`);
  const name = subject || "value";
  const operators = operatorsByType[valueType];

  const numberInput = (slot: "value" | "from" | "to" | "days", label: string, width = "w-28") => (
    <Input
      aria-label={label}
      inputMode="decimal"
      value={filter[slot]}
      onChange={(e) => set({ [slot]: e.target.value })}
      className={width}
      autoFocus={autoFocus && slot !== "to"}
      {...err(slot)}
    />
  );

  let editor: React.ReactNode = null;
  switch (filter.operator) {
    case "exists":
    case "not_exists":
      break;
    case "equals":
    case "not_equals":
      if (valueType === "boolean") {
        editor = (
          <Select aria-label={`Value of ${name}`} value={filter.value} onChange={(e) => set({ value: e.target.value })} className="w-28" {...err("value")}>
            <option value="true">true</option>
            <option value="false">false</option>
          </Select>
        );
      } else if (valueType === "date") {
        editor = <DateField label={`Date for ${name}`} value={filter.value} onChange={(value) => set({ value })} autoFocus={autoFocus} {...err("value")} />;
      } else if (valueType === "number") {
        editor = numberInput("value", `Value of ${name}`);
      } else {
        editor = (
          <>
            <Input
              aria-label={`Value of ${name}`}
              list={examples.length ? listId : undefined}
              value={filter.value}
              onChange={(e) => set({ value: e.target.value })}
              className="w-44"
              autoFocus={autoFocus}
              {...err("value")}
            />
            {examples.length ? (
              <datalist id={listId}>
                {examples.map((x) => (
                  <option key={x} value={x} />
                ))}
              </datalist>
            ) : null}
          </>
        );
      }
      break;
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with":
      editor = (
        <Input aria-label={`Text in ${name}`} value={filter.value} onChange={(e) => set({ value: e.target.value })} className="w-44" autoFocus={autoFocus} {...err("value")} />
      );
      break;
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      editor = numberInput("value", `Number for ${name}`);
      break;
    case "between":
      editor =
        valueType === "date" ? (
          <>
            <DateField label={`Start date for ${name}`} value={filter.from} onChange={(from) => set({ from })} autoFocus={autoFocus} {...err("from")} />
            <Word>and</Word>
            <DateField label={`End date for ${name}`} value={filter.to} onChange={(to) => set({ to })} {...err("to")} />
          </>
        ) : (
          <>
            {numberInput("from", `Lowest ${name}`, "w-24")}
            <Word>and</Word>
            {numberInput("to", `Highest ${name}`, "w-24")}
          </>
        );
      break;
    case "is_one_of":
    case "is_not_one_of":
      editor = (
        <ListInput
          label={`Values of ${name}`}
          values={filter.values}
          onChange={(values) => set({ values })}
          toValue={(t) => listValue(t, valueType)}
          suggestions={examples}
          autoFocus={autoFocus}
          {...err("values")}
        />
      );
      break;
    case "before":
    case "after":
      editor = <DateField label={`Date for ${name}`} value={filter.value} onChange={(value) => set({ value })} autoFocus={autoFocus} {...err("value")} />;
      break;
    case "within_last_days":
    case "more_than_days_ago":
      editor = (
        <>
          {numberInput("days", `Number of days for ${name}`, "w-20")}
          <Word>{filter.operator === "within_last_days" ? "days" : "days ago"}</Word>
        </>
      );
      break;
  }

  return (
    <>
      <Select
        aria-label={`Operator for ${name}`}
        value={filter.operator}
        onChange={(e) => onChange(changeOperator(filter, e.target.value as ValueOperator, valueType))}
        className="w-auto"
        {...err("operator")}
      >
        {operators.map((op) => (
          <option key={op} value={op}>
            {operatorLabel(op, valueType)}
          </option>
        ))}
      </Select>
      {editor}
    </>
  );
}
