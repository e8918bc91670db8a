"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";

/**
 * Which rows of a server-rendered table are ticked. The table stays a server component; only
 * the checkboxes and the toolbar read this. `allMatching` is "every customer matching the
 * filters" (count known once asked for), which the server turns into one SQL set.
 */
type Selection = {
  pageIds: number[];
  selected: ReadonlySet<number>;
  allMatching: { count: number } | null;
  toggle: (id: number, on: boolean) => void;
  setPage: (on: boolean) => void;
  selectAllMatching: (count: number) => void;
  clear: () => void;
};

const SelectionContext = createContext<Selection | null>(null);

export function SelectionProvider({ pageIds, children }: { pageIds: number[]; children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set());
  const [allMatching, setAllMatching] = useState<{ count: number } | null>(null);
  // A new page (or new filters) starts a new selection: ids of the old page are not on screen.
  const [forPage, setForPage] = useState(pageIds);
  if (forPage !== pageIds && forPage.join() !== pageIds.join()) {
    setForPage(pageIds);
    setSelected(new Set());
    setAllMatching(null);
  }

  const toggle = useCallback((id: number, on: boolean) => {
    setAllMatching(null);
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const setPage = useCallback(
    (on: boolean) => {
      setAllMatching(null);
      setSelected(on ? new Set(pageIds) : new Set());
    },
    [pageIds],
  );
  const selectAllMatching = useCallback(
    (count: number) => {
      setSelected(new Set(pageIds));
      setAllMatching({ count });
    },
    [pageIds],
  );
  const clear = useCallback(() => {
    setSelected(new Set());
    setAllMatching(null);
  }, []);

  const value = useMemo(
    () => ({
      pageIds,
      selected,
      allMatching,
      toggle,
      setPage,
      selectAllMatching,
      clear,
    }),
    [pageIds, selected, allMatching, toggle, setPage, selectAllMatching, clear],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useSelection(): Selection {
  const value = useContext(SelectionContext);
  if (!value) throw new Error("useSelection outside a SelectionProvider");
  return value;
}

/** One row's checkbox; above the row's full-size link (z-10), so ticking never opens the customer. */
export function RowCheckbox({ id, label }: { id: number; label: string }) {
  const { selected, toggle } = useSelection();
  return (
    <Checkbox
      aria-label={label}
      checked={selected.has(id)}
      onCheckedChange={(v) => toggle(id, v === true)}
      className="relative z-10 size-5 sm:size-4"
    />
  );
}

/** The header's checkbox: every row on this page (indeterminate when some are ticked). */
export function PageCheckbox({ label }: { label: string }) {
  const { pageIds, selected, setPage } = useSelection();
  const ticked = pageIds.filter((id) => selected.has(id)).length;
  const state = ticked === 0 ? false : ticked === pageIds.length ? true : "indeterminate";
  return <Checkbox aria-label={label} checked={state} onCheckedChange={() => setPage(state !== true)} className="size-5 sm:size-4" />;
}
