"use client";

/**
 * The condition builder and live preview of an automatic segment (DESIGN.md §4: each
 * condition reads as a sentence; groups are bordered boxes with an all of / any of toggle).
 *
 * Built on our own model rather than react-querybuilder (weighed, per STACK.md): the tree is
 * defined by ONE zod schema (`conditionTreeSchema`), and the builder must validate with that
 * schema, field by field. react-querybuilder brings its own rule/group model (field,
 * operator, value) and its own validation, so we would have kept a translation both ways
 * plus a second set of rules; and half our leaves — events with counts, windows and
 * property filters, locations, segment references — do not fit its rule shape and would be
 * custom editors anyway. What it would give us (nesting, add/remove, keyboard) is a small
 * pure module here (`lib/segments/builder/`, unit-tested, every leaf round-trips), and
 * the controls are Radix/cmdk/react-day-picker primitives, accessible as they come.
 */

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import { describeConditions } from "@/lib/segments/describe-conditions";
import type { BuilderCatalog } from "@/lib/segments/builder/catalog";
import { emptyDraft, fromTree, sequentialIds, toTree, type DraftGroup } from "@/lib/segments/builder/draft";
import { addChild, canAddCondition, canAddGroup, removeNode, updateNode } from "@/lib/segments/builder/edit";
import { nodeMessages, validateDraft, withoutInvalidRows } from "@/lib/segments/builder/validate";
import { BuilderContext, type BuilderApi } from "./builder-context";
import { ConditionGroup } from "./condition-group";
import { PreviewPanel } from "./preview-panel";
import { useLivePreview } from "./use-live-preview";

export type SegmentDefinitionEditorProps = {
  workspaceId: string;
  catalog: BuilderCatalog;
  /** Editing an existing segment: its definition. */
  defaultValue?: ConditionTree;
  /** A segment cannot refer to itself: it is left out of the segment choices, and the preview refuses loops. */
  excludeSegmentPublicId?: string;
  /** Editing: the segment's size now, shown beside the preview of the new definition. */
  currentCount?: number;
  /** Name of the hidden input holding the tree as JSON. */
  name?: string;
  onValidityChange?: (valid: boolean) => void;
};

/** Enter in a value field must not submit the whole segment form (the browser's implicit submission). */
function keepEnterInBuilder(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key === "Enter" && e.target instanceof HTMLInputElement) e.preventDefault();
}

export function SegmentDefinitionEditor({
  workspaceId,
  catalog,
  defaultValue,
  excludeSegmentPublicId,
  currentCount,
  name = "conditions",
  onValidityChange,
}: SegmentDefinitionEditorProps) {
  const attributeByKey = useMemo(() => new Map(catalog.attributes.map((a) => [a.key, a])), [catalog.attributes]);
  const eventByName = useMemo(() => new Map(catalog.events.map((e) => [e.name, e])), [catalog.events]);
  const [draft, setDraft] = useState<DraftGroup>(() =>
    defaultValue
      ? fromTree(defaultValue, sequentialIds(), {
          attribute: (key) => attributeByKey.get(key)?.type,
          property: (event, key) => eventByName.get(event)?.properties.find((p) => p.key === key)?.type,
        })
      : emptyDraft(),
  );
  const nextId = useRef(0);
  // A saved definition that no longer passes (e.g. an empty "is" text, refused since it was saved)
  // shows its messages at once: Save stays disabled, and the marketer should see why.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set(defaultValue ? Object.keys(validateDraft(draft).errors) : []));
  const [showAll, setShowAll] = useState(false);
  const [justAdded, setJustAdded] = useState<string>();
  const hiddenRef = useRef<HTMLInputElement>(null);
  const draftRef = useRef(draft);
  useEffect(() => {
    draftRef.current = draft;
  }, [draft]);

  const validation = useMemo(() => validateDraft(draft), [draft]);
  const treeJson = validation.valid ? JSON.stringify(validation.tree) : undefined;
  const segmentNames = useMemo(() => Object.fromEntries(catalog.segments.map((s) => [s.publicId, s.name])), [catalog.segments]);
  const summary = useMemo(() => {
    if (validation.valid) return describeConditions(validation.tree, segmentNames);
    const complete = withoutInvalidRows(draft, validation.errors);
    const checked = complete ? validateDraft(complete) : undefined;
    return checked?.valid ? describeConditions(checked.tree, segmentNames) : undefined;
  }, [draft, validation, segmentNames]);
  const preview = useLivePreview(workspaceId, treeJson, excludeSegmentPublicId);

  useEffect(() => {
    onValidityChange?.(validation.valid);
  }, [validation.valid, onValidityChange]);

  // Submitting the form with an unfinished definition shows every message and goes to the first.
  useEffect(() => {
    const form = hiddenRef.current?.form;
    if (!form) return;
    const onSubmit = (e: SubmitEvent) => {
      if (validateDraft(draftRef.current).valid) return;
      e.preventDefault();
      setShowAll(true);
      requestAnimationFrame(() => form.querySelector<HTMLElement>("[data-condition-builder] [aria-invalid=true]")?.focus());
    };
    form.addEventListener("submit", onSubmit, { capture: true });
    return () => form.removeEventListener("submit", onSubmit, { capture: true });
  }, []);
  const newId = useCallback(() => `n${++nextId.current}`, []);
  const visible = useCallback((id: string) => showAll || touched.has(id), [showAll, touched]);
  const api: BuilderApi = {
    catalog,
    attributeByKey,
    eventByName,
    segments: catalog.segments.filter((s) => s.publicId !== excludeSegmentPublicId),
    segmentNames,
    newId,
    update: (id, fn) => setDraft((d) => updateNode(d, id, fn)),
    remove: (id) => setDraft((d) => removeNode(d, id)),
    add: (groupId, node) => {
      setDraft((d) => addChild(d, groupId, node));
      setJustAdded(node.kind === "group" ? node.children[0]?.id : node.id);
    },
    canAddGroup: (groupId) => canAddGroup(draft, groupId),
    canAddCondition: canAddCondition(draft),
    error: (id, field) => (visible(id) ? validation.errors[id]?.[field]?.[0] : undefined),
    messages: (id) => (visible(id) ? nodeMessages(validation.errors, id) : []),
    touch: (id) => setTouched((t) => (t.has(id) ? t : new Set(t).add(id))),
    justAdded,
  };

  const rootMessages = showAll || draft.children.length > 0 ? (validation.errors[draft.id]?.[""] ?? []) : [];
  return (
    <BuilderContext.Provider value={api}>
      <div data-condition-builder onKeyDown={keepEnterInBuilder} className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-3">
          <ConditionGroup group={draft} root />
          {rootMessages.map((m) => (
            <p key={m} role="alert" className="text-sm text-red-600">
              {m}
            </p>
          ))}
        </div>
        <div className="min-w-0 lg:sticky lg:top-4">
          <PreviewPanel preview={preview} summary={summary} incomplete={!validation.valid && draft.children.length > 0} currentCount={currentCount} />
        </div>
      </div>
      <input ref={hiddenRef} type="hidden" name={name} value={treeJson ?? JSON.stringify(toTree(draft))} />
    </BuilderContext.Provider>
  );
}
