"use client";

import { CalendarClock, Layers, Mail, MapPin, MousePointerClick, Plus, Tag } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { DraftLeaf } from "@/lib/segments/builder/draft";
import { newAttribute, newEvent } from "@/lib/segments/builder/edit";
import { emailActivityEvent, emailActivityLabels, type EmailActivity } from "@/lib/segments/builder/email-activity";
import { valueTypeLabels } from "@/lib/segments/builder/operators";
import { useBuilder } from "./builder-context";
import { eventDisplayName } from "./condition-row";

/**
 * "Add condition": one searchable menu (cmdk) grouped by kind — Attributes, Location,
 * Events, Email activity, Segments — listing what the workspace really has, so finding
 * `plan` among hundreds of keys is typing "pl". Picking an entry adds a row already
 * pointed at it.
 */
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
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="secondary" size="sm" disabled={disabled}>
          {icon ?? <Plus aria-hidden />}
          {label}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-[22rem] p-0">
        <Command label={label}>
          <CommandInput placeholder="Search attributes, events, segments…" aria-label="Search conditions" value={search} onValueChange={setSearch} />
          <CommandList className="max-h-96">
            <CommandEmpty>Nothing matches “{typed}”.</CommandEmpty>
            <CommandGroup heading="Attributes">
              {api.catalog.attributes.map((a) => (
                <CommandItem key={a.key} value={`attribute ${a.key}`} keywords={a.examples} onSelect={() => add(newAttribute(api.newId(), a))}>
                  <Tag aria-hidden />
                  <span className="min-w-0 flex-1 truncate">{a.key}</span>
                  <span className="shrink-0 text-xs text-gray-500">{valueTypeLabels[a.type]}</span>
                </CommandItem>
              ))}
              {typed && !api.attributeByKey.has(typed) ? (
                <CommandItem value={`attribute custom ${typed}`} forceMount onSelect={() => add(newAttribute(api.newId(), { key: typed, type: "string" }))}>
                  <Plus aria-hidden />
                  Attribute “{typed}”
                </CommandItem>
              ) : null}
            </CommandGroup>
            <CommandGroup heading="Location">
              {(["country", "region", "city"] as const).map((field) => (
                <CommandItem key={field} value={`location ${field}`} onSelect={() => add({ id: api.newId(), kind: "location", field, operator: "is_one_of", values: [] })}>
                  <MapPin aria-hidden />
                  {field[0].toUpperCase() + field.slice(1)}
                </CommandItem>
              ))}
            </CommandGroup>
            <CommandGroup heading="Events">
              {api.catalog.events.map((e) => (
                <CommandItem key={e.name} value={`event performed ${e.name}`} keywords={[eventDisplayName(e.name)]} onSelect={() => add(newEvent(api.newId(), e.name))}>
                  <CalendarClock aria-hidden />
                  <span className="min-w-0 flex-1 truncate">Performed {eventDisplayName(e.name)}</span>
                </CommandItem>
              ))}
              {typed && !api.eventByName.has(typed) ? (
                <CommandItem value={`event custom ${typed}`} forceMount onSelect={() => add(newEvent(api.newId(), typed))}>
                  <Plus aria-hidden />
                  Performed “{typed}”
                </CommandItem>
              ) : null}
            </CommandGroup>
            <CommandGroup heading="Email activity">
              {(["opened", "clicked"] as const).map((activity) => {
                const { name, seen } = email(activity);
                return (
                  <CommandItem key={activity} value={`email ${emailActivityLabels[activity]}`} keywords={[name]} onSelect={() => add(newEvent(api.newId(), name))}>
                    {activity === "opened" ? <Mail aria-hidden /> : <MousePointerClick aria-hidden />}
                    <span className="min-w-0 flex-1 truncate">{emailActivityLabels[activity]}</span>
                    <span className="shrink-0 text-xs text-gray-500">{seen ? name : `${name} · none yet`}</span>
                  </CommandItem>
                );
              })}
            </CommandGroup>
            <CommandGroup heading="Segments">
              {api.segments.map((s) => (
                <CommandItem key={s.publicId} value={`segment ${s.publicId}`} keywords={[s.name]} onSelect={() => add({ id: api.newId(), kind: "segment", operator: "in", segmentId: s.publicId })}>
                  <Layers aria-hidden />
                  <span className="min-w-0 flex-1 truncate">Is in {s.name}</span>
                </CommandItem>
              ))}
              {api.segments.length === 0 ? (
                <CommandItem value="segment none" disabled>
                  <Layers aria-hidden />
                  No other segments yet
                </CommandItem>
              ) : null}
            </CommandGroup>
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
