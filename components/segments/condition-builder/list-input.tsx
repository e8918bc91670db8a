"use client";

import { X } from "lucide-react";
import { useId, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { cn } from "@/lib/utils/cn";

/** A value to offer as the marketer types: `label` is what they read ("Germany (DE)"), `value` what is stored. */
export type ListSuggestion = { value: string; label: string };

/**
 * Values as chips: Enter (or leaving the field) adds what was typed, a pasted list
 * ("pro, enterprise" or one per line) adds each, Backspace on an empty field removes the
 * last one. Suggestions come from the workspace's real values through a <datalist>; or, with
 * `suggest`, from our own list under the field, whose first entry Enter picks — a <datalist>
 * can only match what the value starts with, so "germ" never found "DE".
 */
export function ListInput({
  label,
  values,
  onChange,
  toValue,
  suggestions = [],
  suggest,
  placeholder = "Type and press Enter",
  autoFocus,
  ...aria
}: {
  label: string;
  values: (string | number)[];
  onChange: (values: (string | number)[]) => void;
  toValue: (text: string) => string | number;
  suggestions?: string[];
  suggest?: (text: string) => ListSuggestion[];
  placeholder?: string;
  autoFocus?: boolean;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  // The entry the arrows are on; -1 none. With text typed, the first entry is the one Enter takes.
  const [active, setActive] = useState(-1);
  const listId = useId();
  const addAll = (parts: string[]) => {
    const next = [...values];
    for (const p of parts.map((s) => s.trim()).filter(Boolean)) {
      const v = toValue(p);
      if (!next.some((x) => x === v)) next.push(v);
    }
    if (next.length !== values.length) onChange(next);
    setText("");
  };
  const options = suggest ? suggest(text).filter((o) => !values.some((v) => String(v) === o.value)) : [];
  const showOptions = open && options.length > 0;
  const current = Math.min(text.trim() ? Math.max(active, 0) : active, options.length - 1);
  const pick = (o: ListSuggestion) => {
    if (!values.some((v) => String(v) === o.value)) onChange([...values, o.value]);
    setText("");
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!showOptions && e.key === "ArrowDown" && options.length > 0) {
      e.preventDefault();
      setOpen(true);
    } else if (showOptions && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      setActive(current < 0 ? (e.key === "ArrowDown" ? 0 : options.length - 1) : (current + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
    } else if (e.key === "Escape" && showOptions) {
      e.preventDefault();
      setOpen(false);
    } else if (e.key === "Enter") {
      e.preventDefault();
      // What was typed matches an offered value: take it ("germ" → DE). Nothing typed: only
      // an entry chosen with the arrows. Nothing offered: the text as typed, as before.
      if (showOptions && current >= 0) pick(options[current]);
      else addAll([text]);
      // Closed once a value is in, so the list does not cover what comes next (Add condition);
      // typing or the down arrow opens it again.
      setOpen(false);
    } else if (e.key === "Backspace" && text === "" && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData("text");
    if (/[,\n\t]/.test(pasted)) {
      e.preventDefault();
      addAll(pasted.split(/[,\n\t]/));
    }
  };
  const offered = suggest ? [] : suggestions.filter((s) => !values.some((v) => String(v) === s));
  return (
    <div
      className={cn(
        "relative flex min-h-9 max-w-full min-w-48 flex-1 flex-wrap items-center gap-1 rounded-md border border-gray-300 bg-white px-1.5 py-1 shadow-sm",
        "focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/30",
        aria["aria-invalid"] && "border-red-400",
      )}
    >
      <ul className="contents" aria-label={`${label}: chosen values`}>
        {values.map((v) => (
          <li key={`${typeof v}:${v}`} className="inline-flex items-center gap-1 rounded bg-brand-50 py-0.5 pr-0.5 pl-2 text-sm text-brand-700">
            <span className="max-w-48 truncate">{String(v)}</span>
            <button
              type="button"
              onClick={() => onChange(values.filter((x) => x !== v))}
              className="rounded p-0.5 hover:bg-brand-100"
              aria-label={`Remove ${String(v)}`}
            >
              <X aria-hidden className="size-3.5" />
            </button>
          </li>
        ))}
      </ul>
      <input
        aria-label={label}
        list={offered.length ? listId : undefined}
        {...(suggest
          ? {
              role: "combobox",
              "aria-autocomplete": "list" as const,
              "aria-expanded": showOptions,
              "aria-controls": listId,
              "aria-activedescendant": showOptions && current >= 0 ? `${listId}-${current}` : undefined,
            }
          : {})}
        value={text}
        autoFocus={autoFocus}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => {
          setOpen(false);
          if (text.trim()) addAll([text]);
        }}
        placeholder={values.length ? "" : placeholder}
        className="h-7 min-w-24 flex-1 border-0 bg-transparent px-1 text-sm text-gray-900 outline-none placeholder:text-gray-400"
        {...aria}
      />
      {suggest ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label}: suggestions`}
          hidden={!showOptions}
          className="absolute top-full left-0 z-20 mt-1 max-h-64 w-full min-w-56 overflow-auto rounded-md border border-gray-200 bg-white py-1 shadow-lg"
        >
          {options.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={showOptions && i === current}
              // mousedown, not click: the input's blur would otherwise add the typed text first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseMove={() => setActive(i)}
              className={cn("cursor-pointer px-3 py-1.5 text-sm text-gray-900", showOptions && i === current && "bg-brand-50 text-brand-700")}
            >
              {o.label}
            </li>
          ))}
        </ul>
      ) : offered.length ? (
        <datalist id={listId}>
          {offered.slice(0, 200).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
