"use client";

import { Plus, X } from "lucide-react";
import type { FocusEvent, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { LIMITS, type ValueType } from "@/lib/segments/condition-schema";
import { eventLabel, eventLabels, humanize } from "@/lib/segments/describe-conditions";
import type { DraftAttribute, DraftEvent, DraftLeaf, DraftLocation, DraftPropertyFilter, DraftSegment } from "@/lib/segments/builder/draft";
import { emptyFilter, type DraftFilter } from "@/lib/segments/builder/draft";
import { retype } from "@/lib/segments/builder/edit";
import { defaultOperator, valueTypeLabels } from "@/lib/segments/builder/operators";
import { errorProps, fieldDomId, useBuilder, type BuilderApi } from "./builder-context";
import { CatalogCombobox, type ComboItem } from "./catalog-combobox";
import { DateField } from "./date-field";
import { ListInput, type ListSuggestion } from "./list-input";
import { ValueFilterFields } from "./value-filter-fields";
import { countriesMatching, countryName, toCountryCode } from "@/lib/customers/country-code";

const Word = ({ children }: { children: ReactNode }) => <span className="text-sm whitespace-nowrap text-gray-600">{children}</span>;
const Kind = ({ children }: { children: ReactNode }) => <span className="text-sm font-medium whitespace-nowrap text-gray-900">{children}</span>;

/** Messages under a row, each with the id its control points at (aria-describedby). */
function RowMessages({ id }: { id: string }) {
  const api = useBuilder();
  const messages = api.messages(id);
  if (messages.length === 0) return null;
  return (
    <ul className="mt-1.5 space-y-0.5">
      {messages.map((m) => (
        <li key={`${m.field}:${m.message}`} id={fieldDomId(id, m.field)} className="text-sm text-red-600">
          {m.message}
        </li>
      ))}
    </ul>
  );
}

/** A row: its controls wrap on narrow screens; leaving the row shows its messages. */
function RowShell({ id, label, children, below }: { id: string; label: string; children: ReactNode; below?: ReactNode }) {
  const api = useBuilder();
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    // Focus moving into one of the row's popovers (portalled) is not leaving the row.
    const next = e.relatedTarget as Node | null;
    if (next && (e.currentTarget.contains(next) || (next instanceof Element && next.closest("[data-radix-popper-content-wrapper]")))) return;
    api.touch(id);
  };
  return (
    <div role="group" aria-label={label} onBlur={onBlur} className="rounded-lg border border-gray-200 bg-white px-3 py-2.5 shadow-xs">
      <div className="flex items-start gap-2">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">{children}</div>
        <Button variant="ghost" size="icon" className="-mr-1 size-8 text-gray-500" aria-label={`Remove condition: ${label}`} onClick={() => api.remove(id)}>
          <X aria-hidden />
        </Button>
      </div>
      <RowMessages id={id} />
      {below}
    </div>
  );
}

export function ConditionRow({ node }: { node: DraftLeaf }) {
  switch (node.kind) {
    case "attribute":
      return <AttributeRow node={node} />;
    case "location":
      return <LocationRow node={node} />;
    case "event":
      return <EventRow node={node} />;
    case "segment":
      return <SegmentRow node={node} />;
  }
}

function attributeItems(api: BuilderApi): ComboItem[] {
  return api.catalog.attributes.map((a) => ({
    value: a.key,
    label: a.key,
    hint: `${valueTypeLabels[a.type]}${a.examples.length ? ` · ${a.examples.slice(0, 2).join(", ")}` : ""}`,
    keywords: [humanize(a.key), ...a.examples],
  }));
}

function AttributeRow({ node }: { node: DraftAttribute }) {
  const api = useBuilder();
  const known = api.attributeByKey.get(node.key);
  const update = (fn: (n: DraftAttribute) => DraftAttribute) => api.update<DraftAttribute>(node.id, fn);
  const focus = api.justAdded === node.id;
  return (
    <RowShell id={node.id} label={`Attribute ${node.key || "(not chosen)"}`}>
      <Kind>Attribute</Kind>
      <CatalogCombobox
        label="Attribute"
        value={node.key}
        placeholder="Choose an attribute"
        searchPlaceholder="Search attributes…"
        items={attributeItems(api)}
        allowCustom={(s) => `Use attribute “${s}”`}
        onSelect={(key) => update((n) => retype(n, key, api.attributeByKey.get(key)?.type ?? n.valueType))}
        {...errorProps(api, node.id, "key")}
      />
      {!known && node.key ? <TypeSelect value={node.valueType} onChange={(t) => update((n) => retype(n, n.key, t))} /> : null}
      <ValueFilterFields
        nodeId={node.id}
        subject={node.key}
        valueType={node.valueType}
        filter={node.filter}
        examples={known?.examples ?? []}
        onChange={(filter) => update((n) => ({ ...n, filter }))}
        autoFocus={focus}
      />
    </RowShell>
  );
}

/** For a key the catalog has not seen: which kind of value it holds decides the operators. */
function TypeSelect({ value, onChange }: { value: ValueType; onChange: (t: ValueType) => void }) {
  return (
    <Select aria-label="Type of value" value={value} onChange={(e) => onChange(e.target.value as ValueType)} className="w-auto">
      {(Object.keys(valueTypeLabels) as ValueType[]).map((t) => (
        <option key={t} value={t}>
          as {valueTypeLabels[t]}
        </option>
      ))}
    </Select>
  );
}

const placeNames = { country: "Country", region: "Region", city: "City" } as const;

function LocationRow({ node }: { node: DraftLocation }) {
  const api = useBuilder();
  const update = (patch: Partial<DraftLocation>) => api.update<DraftLocation>(node.id, (n) => ({ ...n, ...patch }));
  const suggestions = { country: api.catalog.locations.countries, region: api.catalog.locations.regions, city: api.catalog.locations.cities }[node.field];
  // The catalog lists every country the workspace has (regions and cities are a sample), so a
  // country no customer has is most likely a typo ("Germny"): say so, without refusing it — a
  // segment may wait for customers who are not here yet.
  const unseen = node.field === "country" && suggestions.length > 0 ? node.values.map(String).filter((v) => !suggestions.includes(v)) : [];
  const below =
    unseen.length > 0 ? (
      <p className="mt-1.5 text-sm text-amber-800">
        No customer has the country {unseen.map((v) => `“${v}”`).join(", ")} yet. Check the spelling: countries are two-letter codes such as DE, or English names such as
        Germany.
      </p>
    ) : undefined;
  return (
    <RowShell id={node.id} label={`${placeNames[node.field]} condition`} below={below}>
      <Kind>Location</Kind>
      <Select aria-label="Place" value={node.field} onChange={(e) => update({ field: e.target.value as DraftLocation["field"] })} className="w-auto">
        {Object.entries(placeNames).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </Select>
      <Select aria-label={`Operator for ${node.field}`} value={node.operator} onChange={(e) => update({ operator: e.target.value as DraftLocation["operator"] })} className="w-auto">
        <option value="is_one_of">is one of</option>
        <option value="is_not_one_of">is not one of</option>
      </Select>
      <ListInput
        label={`${placeNames[node.field]} values`}
        values={node.values}
        onChange={(values) => update({ values: values.map(String) })}
        toValue={node.field === "country" ? toCountryCode : (t) => t}
        suggestions={suggestions}
        suggest={node.field === "country" ? (text) => countrySuggestions(text, suggestions) : undefined}
        placeholder={node.field === "country" ? "e.g. DE or Germany, then Enter" : "Type and press Enter"}
        autoFocus={api.justAdded === node.id}
        {...errorProps(api, node.id, "values")}
      />
    </RowShell>
  );
}

/**
 * "Germany (DE)" for "germ" or "de", by the same rule as "Add condition" offers "Country is
 * Germany"; before anything is typed, the workspace's first countries, so the list shows what
 * there is.
 */
function countrySuggestions(text: string, codes: string[]): ListSuggestion[] {
  const found = text.trim() ? countriesMatching(text, codes, 8) : codes.slice(0, 8).map((code) => ({ code, name: countryName(code) }));
  return found.map((c) => ({ value: c.code, label: c.name === c.code ? c.code : `${c.name} (${c.code})` }));
}

/** "Placed an order (order_completed)": the marketer's words first, the data's name after them. */
export function eventDisplayName(name: string): string {
  const label = eventLabel(name);
  return label === name ? name : `${label} (${name})`;
}

function EventRow({ node }: { node: DraftEvent }) {
  const api = useBuilder();
  const update = (fn: (n: DraftEvent) => DraftEvent) => api.update<DraftEvent>(node.id, fn);
  const known = api.eventByName.get(node.event);
  const count = node.count ?? { operator: "at_least" as const, value: "1" };
  const items: ComboItem[] = api.catalog.events.map((e) => ({
    value: e.name,
    label: eventDisplayName(e.name),
    hint: e.count === undefined ? undefined : `${e.count.toLocaleString("en-US")}${e.countCapped ? "+" : ""} in 30 days`,
    keywords: [eventLabels[e.name]?.performed ?? "", ...e.properties.map((p) => p.key)],
  }));
  const addFilter = () =>
    update((n) => {
      const first = known?.properties.find((p) => !n.filters.some((f) => f.key === p.key));
      const type = first?.type ?? "string";
      const row: DraftPropertyFilter = { id: api.newId(), key: first?.key ?? "", valueType: type, filter: emptyFilter(defaultOperator[type], type) };
      return { ...n, filters: [...n.filters, row] };
    });
  return (
    <RowShell
      id={node.id}
      label={`Event ${node.event || "(not chosen)"}`}
      below={
        <div className="mt-2 space-y-2 border-l-2 border-gray-100 pl-3">
          {node.filters.map((f) => (
            <PropertyFilterRow key={f.id} event={node} row={f} />
          ))}
          {node.filters.length < LIMITS.maxPropertyFilters ? (
            <Button variant="link" size="sm" className="text-sm" onClick={addFilter}>
              <Plus aria-hidden /> Add property filter
            </Button>
          ) : null}
        </div>
      }
    >
      <Select
        aria-label="Performed or not"
        value={node.operator}
        onChange={(e) => {
          const operator = e.target.value as DraftEvent["operator"];
          update((n) => ({ ...n, operator, count: operator === "did_not_perform" ? null : n.count }));
        }}
        className="w-auto"
        {...errorProps(api, node.id, "operator")}
      >
        <option value="performed">Performed</option>
        <option value="did_not_perform">Did not perform</option>
      </Select>
      <CatalogCombobox
        label="Event"
        value={node.event}
        display={eventDisplayName(node.event)}
        placeholder="Choose an event"
        searchPlaceholder="Search events…"
        items={items}
        allowCustom={(s) => `Use event “${s}”`}
        onSelect={(event) => update((n) => ({ ...n, event }))}
        {...errorProps(api, node.id, "event")}
      />
      {node.operator === "performed" ? (
        <>
          <Select
            aria-label="How many times"
            value={count.operator}
            onChange={(e) => update((n) => ({ ...n, count: { ...count, operator: e.target.value as typeof count.operator } }))}
            className="w-auto"
            {...errorProps(api, node.id, "count")}
          >
            <option value="at_least">at least</option>
            <option value="at_most">at most</option>
            <option value="exactly">exactly</option>
          </Select>
          <span className="inline-flex items-center gap-2">
            <Input
              aria-label="Number of times"
              inputMode="numeric"
              value={count.value}
              onChange={(e) => update((n) => ({ ...n, count: { ...count, value: e.target.value } }))}
              className="w-20"
              {...errorProps(api, node.id, "count.value")}
            />
            <Word>{count.value.trim() === "1" ? "time" : "times"}</Word>
          </span>
        </>
      ) : null}
      <EventWindowFields node={node} update={update} />
    </RowShell>
  );
}

function EventWindowFields({ node, update }: { node: DraftEvent; update: (fn: (n: DraftEvent) => DraftEvent) => void }) {
  const api = useBuilder();
  const w = node.window;
  const set = (patch: Partial<DraftEvent["window"]>) => update((n) => ({ ...n, window: { ...n.window, ...patch } }));
  return (
    <>
      <Select aria-label="When" value={w.type} onChange={(e) => set({ type: e.target.value as DraftEvent["window"]["type"] })} className="w-auto" {...errorProps(api, node.id, "window")}>
        <option value="ever">at any time</option>
        <option value="last">in the last</option>
        <option value="between">between</option>
      </Select>
      {w.type === "last" ? (
        <span className="inline-flex items-center gap-2">
          <Input aria-label="Window length" inputMode="numeric" value={w.amount} onChange={(e) => set({ amount: e.target.value })} className="w-20" {...errorProps(api, node.id, "window.amount")} />
          <Select aria-label="Window unit" value={w.unit} onChange={(e) => set({ unit: e.target.value as "days" | "hours" })} className="w-auto">
            <option value="days">days</option>
            <option value="hours">hours</option>
          </Select>
        </span>
      ) : null}
      {w.type === "between" ? <WindowDates node={node} set={set} /> : null}
    </>
  );
}

function WindowDates({ node, set }: { node: DraftEvent; set: (patch: Partial<DraftEvent["window"]>) => void }) {
  const api = useBuilder();
  return (
    <>
      <DateField label="Window start" value={node.window.from} onChange={(from) => set({ from })} {...errorProps(api, node.id, "window.from")} />
      <Word>and</Word>
      <DateField label="Window end" value={node.window.to} onChange={(to) => set({ to })} {...errorProps(api, node.id, "window.to")} />
    </>
  );
}

function PropertyFilterRow({ event, row }: { event: DraftEvent; row: DraftPropertyFilter }) {
  const api = useBuilder();
  const properties = api.eventByName.get(event.event)?.properties ?? [];
  const known = properties.find((p) => p.key === row.key);
  const setRow = (fn: (r: DraftPropertyFilter) => DraftPropertyFilter) =>
    api.update<DraftEvent>(event.id, (n) => ({ ...n, filters: n.filters.map((f) => (f.id === row.id ? fn(f) : f)) }));
  const label = `Property filter ${row.key || "(not chosen)"}`;
  return (
    <div role="group" aria-label={label} onBlur={() => api.touch(row.id)}>
      <div className="flex items-start gap-2">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <Word>where</Word>
          <CatalogCombobox
            label="Property"
            value={row.key}
            placeholder="Choose a property"
            searchPlaceholder="Search properties…"
            items={properties.map((p) => ({ value: p.key, label: p.key, hint: `${valueTypeLabels[p.type]}${p.examples.length ? ` · ${p.examples.slice(0, 2).join(", ")}` : ""}`, keywords: p.examples }))}
            allowCustom={(s) => `Use property “${s}”`}
            emptyText="No properties seen on this event."
            onSelect={(key) => setRow((r) => retype(r, key, properties.find((p) => p.key === key)?.type ?? r.valueType))}
            {...errorProps(api, row.id, "key")}
          />
          {!known && row.key ? <TypeSelect value={row.valueType} onChange={(t) => setRow((r) => retype(r, r.key, t))} /> : null}
          <ValueFilterFields
            nodeId={row.id}
            subject={row.key}
            valueType={row.valueType}
            filter={row.filter}
            examples={known?.examples ?? []}
            onChange={(filter: DraftFilter) => setRow((r) => ({ ...r, filter }))}
          />
        </div>
        <Button
          variant="ghost"
          size="icon"
          className="-mr-1 size-8 text-gray-500"
          aria-label={`Remove ${label.toLowerCase()}`}
          onClick={() => api.update<DraftEvent>(event.id, (n) => ({ ...n, filters: n.filters.filter((f) => f.id !== row.id) }))}
        >
          <X aria-hidden />
        </Button>
      </div>
      <RowMessages id={row.id} />
    </div>
  );
}

function SegmentRow({ node }: { node: DraftSegment }) {
  const api = useBuilder();
  const update = (patch: Partial<DraftSegment>) => api.update<DraftSegment>(node.id, (n) => ({ ...n, ...patch }));
  return (
    <RowShell id={node.id} label={`Segment ${api.segmentNames[node.segmentId] ?? "(not chosen)"}`}>
      <Select aria-label="In or not in" value={node.operator} onChange={(e) => update({ operator: e.target.value as DraftSegment["operator"] })} className="w-auto">
        <option value="in">Is in segment</option>
        <option value="not_in">Is not in segment</option>
      </Select>
      <CatalogCombobox
        label="Segment"
        value={node.segmentId}
        display={api.segmentNames[node.segmentId] ?? node.segmentId}
        placeholder="Choose a segment"
        searchPlaceholder="Search segments…"
        emptyText="No other segments yet."
        items={api.segments.map((s) => ({ value: s.publicId, label: s.name, hint: s.type === "automatic" ? "Automatic" : "Manual", keywords: [s.name] }))}
        onSelect={(segmentId) => update({ segmentId })}
        autoFocus={api.justAdded === node.id && !node.segmentId}
        {...errorProps(api, node.id, "segmentId")}
      />
    </RowShell>
  );
}
