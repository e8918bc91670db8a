"use client";

import { Loader2, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  defaultDirection,
  MAX_QUERY_LENGTH,
  segmentListHref,
  type SegmentListParams,
  type SegmentSort,
} from "@/lib/segments/list-params";

const sortLabels: Record<SegmentSort, string> = {
  changed: "Last change",
  name: "Name",
  size: "Size",
};

/**
 * Search by name, filter by type, sort: each change replaces the URL (so the list can be shared
 * and survives a reload) and the server renders the new list. Typing is debounced. Without
 * JavaScript it is a plain GET form.
 */
export function SegmentListControls({ params }: { params: SegmentListParams }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  // A new search, filter or sort starts again from the first page.
  function go(next: SegmentListParams) {
    startTransition(() => router.replace(segmentListHref({ ...next, page: 1 }), { scroll: false }));
  }

  function onSearch(value: string) {
    setQ(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => go({ ...params, q: value.trim() }), 300);
  }

  return (
    <form
      role="search"
      action="/segments"
      method="get"
      className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-center"
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        go({ ...params, q: q.trim() });
      }}
    >
      <div className="relative flex-1">
        <label htmlFor="segment-search" className="sr-only">
          Search segments by name
        </label>
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400" />
        <Input
          id="segment-search"
          name="q"
          type="search"
          value={q}
          maxLength={MAX_QUERY_LENGTH}
          onChange={(e) => onSearch(e.target.value)}
          placeholder="Search by name"
          className="pl-9"
        />
        {pending ? (
          <Loader2 aria-label="Updating the list" className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-gray-400" />
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-2 sm:flex">
        <div>
          <label htmlFor="segment-type-filter" className="sr-only">
            Type
          </label>
          <Select
            id="segment-type-filter"
            name="type"
            value={params.type ?? ""}
            onChange={(e) => go({ ...params, q: q.trim(), type: e.target.value === "automatic" || e.target.value === "manual" ? e.target.value : undefined })}
            className="sm:w-40"
          >
            <option value="">All types</option>
            <option value="automatic">Automatic</option>
            <option value="manual">Manual</option>
          </Select>
        </div>
        <div>
          <label htmlFor="segment-sort" className="sr-only">
            Sort by
          </label>
          <Select
            id="segment-sort"
            name="sort"
            value={params.sort}
            onChange={(e) => {
              const sort = e.target.value as SegmentSort;
              go({ ...params, q: q.trim(), sort, dir: defaultDirection[sort] });
            }}
            className="sm:w-44"
          >
            {(Object.keys(sortLabels) as SegmentSort[]).map((s) => (
              <option key={s} value={s}>
                Sort: {sortLabels[s].toLowerCase()}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <noscript>
        <button type="submit" className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm">
          Apply
        </button>
      </noscript>
    </form>
  );
}
