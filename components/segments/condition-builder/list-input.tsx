"use client";

import { X } from "lucide-react";
import { useId, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { cn } from "@/lib/utils/cn";

/**
 * Values as chips: Enter (or leaving the field) adds what was typed, a pasted list
 * ("pro, enterprise" or one per line) adds each, Backspace on an empty field removes the
 * last one. Suggestions come from the workspace's real values through a <datalist>.
 */
export function ListInput({
  label,
  values,
  onChange,
  toValue,
  suggestions = [],
  placeholder = "Type and press Enter",
  autoFocus,
  ...aria
}: {
  label: string;
  values: (string | number)[];
  onChange: (values: (string | number)[]) => void;
  toValue: (text: string) => string | number;
  suggestions?: string[];
  placeholder?: string;
  autoFocus?: boolean;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const [text, setText] = useState("");
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
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      addAll([text]);
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
  const offered = suggestions.filter((s) => !values.some((v) => String(v) === s));
  return (
    <div
      className={cn(
        "flex min-h-9 max-w-full min-w-48 flex-1 flex-wrap items-center gap-1 rounded-md border border-gray-300 bg-white px-1.5 py-1 shadow-sm",
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
        value={text}
        autoFocus={autoFocus}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => text.trim() && addAll([text])}
        placeholder={values.length ? "" : placeholder}
        className="h-7 min-w-24 flex-1 border-0 bg-transparent px-1 text-sm text-gray-900 outline-none placeholder:text-gray-400"
        {...aria}
      />
      {offered.length ? (
        <datalist id={listId}>
          {offered.slice(0, 200).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
