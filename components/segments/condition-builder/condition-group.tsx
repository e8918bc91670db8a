"use client";

import { FolderPlus, X } from "lucide-react";
import { Fragment, useId } from "react";
import { Button } from "@/components/ui/button";
import type { DraftGroup } from "@/lib/segments/builder/draft";
import { cn } from "@/lib/utils/cn";
import { AddConditionMenu } from "./add-condition-menu";
import { fieldDomId, useBuilder } from "./builder-context";
import { ConditionRow } from "./condition-row";

/** "all of" / "any of" as two radio buttons: keyboard (arrows) and screen readers for free. */
function MatchToggle({ group }: { group: DraftGroup }) {
  const api = useBuilder();
  const name = useId();
  return (
    <fieldset className="inline-flex rounded-md border border-gray-300 bg-white p-0.5 shadow-xs">
      <legend className="sr-only">Match</legend>
      {(["and", "or"] as const).map((op) => (
        <label
          key={op}
          className={cn(
            "cursor-pointer rounded px-2.5 py-1 text-sm font-medium text-gray-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
            group.operator === op && "bg-brand-600 text-white",
          )}
        >
          <input
            type="radio"
            name={name}
            value={op}
            checked={group.operator === op}
            onChange={() => api.update<DraftGroup>(group.id, (g) => ({ ...g, operator: op }))}
            className="sr-only"
          />
          {op === "and" ? "all of" : "any of"}
        </label>
      ))}
    </fieldset>
  );
}

export function ConditionGroup({ group, root = false }: { group: DraftGroup; root?: boolean }) {
  const api = useBuilder();
  const messages = api.messages(group.id);
  const canGroup = api.canAddGroup(group.id);
  return (
    <div
      role="group"
      aria-label={root ? "Conditions" : `Group: ${group.operator === "and" ? "all of" : "any of"}`}
      className={cn("space-y-2", !root && "rounded-xl border-2 border-dashed border-gray-300 bg-gray-50/70 p-3")}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-gray-700">{root ? "Customers who match" : "Match"}</span>
        <MatchToggle group={group} />
        <span className="text-sm text-gray-700">{root ? "of these conditions" : "of these"}</span>
        {!root ? (
          <Button variant="ghost" size="sm" className="ml-auto text-gray-600" onClick={() => api.remove(group.id)} aria-label="Remove group and its conditions">
            <X aria-hidden /> Remove group
          </Button>
        ) : null}
      </div>
      {group.children.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 px-3 py-4 text-sm text-gray-600">
          No conditions yet. Add one: an attribute such as plan or country, an event such as an order, email activity, or another segment.
        </p>
      ) : null}
      {group.children.map((child, i) => (
        <Fragment key={child.id}>
          {i > 0 ? (
            <div aria-hidden className="pl-3 text-xs font-semibold tracking-wide text-gray-500 uppercase">
              {group.operator}
            </div>
          ) : null}
          {child.kind === "group" ? <ConditionGroup group={child} /> : <ConditionRow node={child} />}
        </Fragment>
      ))}
      {messages.length ? (
        <ul>
          {messages.map((m) => (
            <li key={`${m.field}:${m.message}`} id={fieldDomId(group.id, m.field)} className="text-sm text-red-600">
              {m.field === "conditions" && !root ? "This group needs at least one condition." : m.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2 pt-1">
        <AddConditionMenu label="Add condition" disabled={!api.canAddCondition} onAdd={(leaf) => api.add(group.id, leaf)} />
        {canGroup ? (
          <AddConditionMenu
            label="Add group"
            icon={<FolderPlus aria-hidden />}
            disabled={!api.canAddCondition}
            onAdd={(leaf) => api.add(group.id, { id: api.newId(), kind: "group", operator: group.operator === "and" ? "or" : "and", children: [leaf] })}
          />
        ) : null}
      </div>
    </div>
  );
}
