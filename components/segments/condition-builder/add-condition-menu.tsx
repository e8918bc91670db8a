"use client";

import { CalendarClock, Layers, Mail, MapPin, MousePointerClick, Plus, Tag } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { countriesMatching } from "@/lib/customers/country-code";
import type { DraftLeaf } from "@/lib/segments/builder/draft";
import { newAttribute, newEvent } from "@/lib/segments/builder/edit";
import { emailActivityEvent, emailActivityLabels, type EmailActivity } from "@/lib/segments/builder/email-activity";
import { previewEvents } from "@/lib/segments/builder/menu-preview";
import { menuSearchScore } from "@/lib/segments/builder/menu-search";
import { valueTypeLabels } from "@/lib/segments/builder/operators";
import { eventLabels, humanize } from "@/lib/segments/describe-conditions";
import { useBuilder } from "./builder-context";

/**
 * "Add condition": one searchable menu (cmdk) grouped by kind — Attributes, Location,
 * Events, Email activity, Segments — listing what the workspace really has, so finding
 * `plan` among hundreds of keys is typing "pl". Picking an entry adds a row already
 * pointed at it. Typing a country's name ("Germany") offers "Country is Germany" itself.
 */
const PREVIEW_ITEMS = 4;

export function AddConditionMenu({ label, icon, onAdd, disabled }: { label: string; icon?: ReactNode; onAdd: (leaf: DraftLeaf) => void; disabled?: boolean }) {
  const api = useBuilder();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const typed = search.trim();
  const eventNames = api.catalog.events.map((e) => e.name);
  const add = (leaf: DraftLeaf) => {
    onAdd(leaf);
    setOpen(false);
    setSearch("");
  };
  const email = (activity: EmailActivity) => emailActivityEvent(activity, eventNames);
  // The events that stand for email activity are offered once, under Email activity, by what they mean.
  const emailEvents = new Set((["opened", "clicked"] as const).map((activity) => email(activity)).filter((e) => e.seen).map((e) => e.name));
  const otherEvents = api.catalog.events.filter((e) => !emailEvents.has(e.name));
  const countries = typed ? countriesMatching(typed, api.catalog.locations.countries) : [];
  // Before any search, each kind shows its first few so every kind is in view; typing searches them all.
  const shown = <T,>(items: T[]) => (typed ? items : items.slice(0, PREVIEW_ITEMS));
  const eventsShown = typed ? otherEvents : previewEvents(otherEvents);
  const more = (total: number, what: string, preview = PREVIEW_ITEMS) =>
    !typed && total > preview ? (
      <CommandItem value={`~more-${what}`} disabled forceMount className="text-xs text-gray-600 data-[disabled=true]:opacity-100">
        Type to search all {total.toLocaleString("en-US")} {what}
      </CommandItem>
    ) : null;
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="secondary" size="sm" disabled={disabled}>
          {icon ?? <Plus aria-hidden />}
          {label}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-[22rem] p-0" aria-label={label}>
        <Command label={label} filter={menuSearchScore}>
          <CommandInput placeholder="Search attributes, events, segments…" aria-label="Search conditions" value={search} onValueChange={setSearch} />
          <CommandList className="max-h-[min(28rem,60vh)]">
            <CommandEmpty>Nothing matches “{typed}”.</CommandEmpty>
            <CommandGroup heading="Attributes">
              {shown(api.catalog.attributes).map((a) => (
                <CommandItem key={a.key} value={a.key} keywords={["attribute"]} onSelect={() => add(newAttribute(api.newId(), a))}>
                  <Tag aria-hidden />
                  <MenuLabel label={humanize(a.key)} name={a.key} />
                  <span className="shrink-0 text-xs text-gray-600">{valueTypeLabels[a.type]}</span>
                </CommandItem>
              ))}
              {more(api.catalog.attributes.length, "attributes")}
            </CommandGroup>
            <CommandGroup heading="Location">
              {countries.map((c) => (
                <CommandItem
                  key={`country-${c.code}`}
                  value={`Country is ${c.name}`}
                  keywords={[c.code, "location"]}
                  onSelect={() => add({ id: api.newId(), kind: "location", field: "country", operator: "is_one_of", values: [c.code] })}
                >
                  <MapPin aria-hidden />
                  <span className="min-w-0 flex-1 truncate">Country is {c.name}</span>
                  <span className="shrink-0 text-xs text-gray-600">{c.code}</span>
                </CommandItem>
              ))}
              {(["country", "region", "city"] as const).map((field) => (
                <CommandItem key={field} value={field[0].toUpperCase() + field.slice(1)} keywords={["location", "place"]} onSelect={() => add({ id: api.newId(), kind: "location", field, operator: "is_one_of", values: [] })}>
                  <MapPin aria-hidden />
                  {field[0].toUpperCase() + field.slice(1)}
                </CommandItem>
              ))}
            </CommandGroup>
            <CommandGroup heading="Events">
              {eventsShown.map((e) => (
                <CommandItem key={e.name} value={`Performed ${e.name}`} keywords={["event", eventLabels[e.name]?.performed ?? ""]} onSelect={() => add(newEvent(api.newId(), e.name))}>
                  <CalendarClock aria-hidden />
                  <MenuLabel label={eventMenuLabel(e.name)} name={e.name} />
                </CommandItem>
              ))}
              {more(otherEvents.length, "events", eventsShown.length)}
            </CommandGroup>
            <CommandGroup heading="Email activity">
              {(["opened", "clicked"] as const).map((activity) => {
                const { name, seen } = email(activity);
                return (
                  <CommandItem key={activity} value={emailActivityLabels[activity]} keywords={["email", name]} onSelect={() => add(newEvent(api.newId(), name))}>
                    {activity === "opened" ? <Mail aria-hidden /> : <MousePointerClick aria-hidden />}
                    <span className="min-w-0 flex-1 truncate">{emailActivityLabels[activity]}</span>
                    <span className="shrink-0 text-xs text-gray-600">{seen ? name : `${name} · none yet`}</span>
                  </CommandItem>
                );
              })}
            </CommandGroup>
            <CommandGroup heading="Segments">
              {shown(api.segments).map((s) => (
                <CommandItem key={s.publicId} value={`Is in ${s.name} ${s.publicId}`} keywords={["segment"]} onSelect={() => add({ id: api.newId(), kind: "segment", operator: "in", segmentId: s.publicId })}>
                  <Layers aria-hidden />
                  <span className="min-w-0 flex-1 truncate">Is in {s.name}</span>
                </CommandItem>
              ))}
              {more(api.segments.length, "segments")}
              {api.segments.length === 0 ? (
                <CommandItem value="segment none" disabled>
                  <Layers aria-hidden />
                  No other segments yet
                </CommandItem>
              ) : null}
            </CommandGroup>
            {typed ? (
              // Last, and with values that do not match the search, so the best real match stays first (Enter picks it).
              // forceMount on the group too: cmdk hides a group none of whose filtered items matched, and
              // forceMount items are never counted as matches, so without it this group never showed.
              <CommandGroup heading="Not seen yet" forceMount>
                {!api.attributeByKey.has(typed) ? (
                  <CommandItem value="~custom-attribute" forceMount onSelect={() => add(newAttribute(api.newId(), { key: typed, type: "string" }))}>
                    <Plus aria-hidden />
                    Attribute “{typed}”
                  </CommandItem>
                ) : null}
                {!api.eventByName.has(typed) ? (
                  <CommandItem value="~custom-event" forceMount onSelect={() => add(newEvent(api.newId(), typed))}>
                    <Plus aria-hidden />
                    Performed “{typed}”
                  </CommandItem>
                ) : null}
              </CommandGroup>
            ) : null}
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}

/** "Placed an order" for a known event, "Performed “Plan upgraded”" for another. */
function eventMenuLabel(name: string): string {
  const performed = eventLabels[name]?.performed;
  return performed ? performed[0].toUpperCase() + performed.slice(1) : `Performed “${humanize(name)}”`;
}

/** A menu entry in words, with the name the data really uses beneath it (what the API and CSVs say). */
function MenuLabel({ label, name }: { label: string; name: string }) {
  return (
    <span className="flex min-w-0 flex-1 flex-col">
      <span className="truncate">{label}</span>
      {label.toLowerCase() !== name.toLowerCase() ? <span className="truncate font-mono text-xs text-gray-600">{name}</span> : null}
    </span>
  );
}
