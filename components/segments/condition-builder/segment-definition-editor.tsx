"use client";

// TEMPORARY STAND-IN (segments-ui): the builder branch owns this file and replaces it at merge.
// A JSON editor with the same props, so the create and edit pages work before the builder lands.
import { useEffect, useMemo, useState } from "react";
import { Textarea } from "@/components/ui/textarea";
import type { BuilderCatalog } from "@/lib/segments/builder/catalog";
import { conditionTreeSchema, type ConditionTree } from "@/lib/segments/condition-schema";

export function SegmentDefinitionEditor({
  defaultValue,
  name = "conditions",
  onValidityChange,
}: {
  workspaceId: string;
  catalog: BuilderCatalog;
  defaultValue?: ConditionTree;
  excludeSegmentPublicId?: string;
  currentCount?: number;
  name?: string;
  onValidityChange?: (valid: boolean) => void;
}) {
  const [text, setText] = useState(() =>
    JSON.stringify(defaultValue ?? { type: "group", operator: "and", conditions: [] }, null, 2),
  );
  const error = useMemo(() => {
    try {
      const parsed = conditionTreeSchema.safeParse(JSON.parse(text));
      return parsed.success ? null : (parsed.error.issues[0]?.message ?? "Invalid conditions");
    } catch {
      return "Not valid JSON";
    }
  }, [text]);
  useEffect(() => onValidityChange?.(error === null), [error, onValidityChange]);
  return (
    <div>
      <Textarea aria-label="Conditions (JSON)" rows={8} value={text} onChange={(e) => setText(e.target.value)} className="font-mono text-xs" />
      {error ? <p className="mt-1 text-sm text-red-600">{error}</p> : null}
      <input type="hidden" name={name} value={text} />
    </div>
  );
}
