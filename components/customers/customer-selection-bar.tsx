"use client";

import { Loader2, UserMinus, UserPlus, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ManualSegmentPicker, type ManualSegmentChoice } from "@/components/segments/manual-segment-picker";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { countMatchingCustomersAction } from "@/lib/actions/customers/count-matching-customers";
import { addCustomersToSegmentAction } from "@/lib/actions/segments/add-customers-to-segment";
import { removeCustomersFromSegmentAction } from "@/lib/actions/segments/remove-customers-from-segment";
import type { CustomerFilters } from "@/lib/customers/customer-filters";
import type { CustomerSelectionInput } from "@/lib/segments/membership/picked-customers";
import { useSelection } from "./selection";

type Outcome = { ok: boolean; text: string; segment?: ManualSegmentChoice };

/**
 * The Customers tab's selection toolbar: how many are ticked, "select all N matching", and
 * "Add to segment…" / "Remove from segment…" with a manual segment picker. One request per
 * change whatever the size: ticked ids, or the filters for "all matching".
 */
export function CustomerSelectionBar({
  workspaceId,
  filters,
  filtered,
  hasMorePages,
  manualSegments,
}: {
  workspaceId: string;
  filters: CustomerFilters;
  /** a search or filter narrows the list (changes the wording of "select all") */
  filtered: boolean;
  /** more customers match than this page shows: offer "select all matching" */
  hasMorePages: boolean;
  manualSegments: ManualSegmentChoice[];
}) {
  const router = useRouter();
  const { pageIds, selected, allMatching, selectAllMatching, clear } = useSelection();
  const [pending, startTransition] = useTransition();
  const [working, setWorking] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Removing is destructive (possibly thousands of members): asked once more, naming the segment.
  const [removalFrom, setRemovalFrom] = useState<ManualSegmentChoice | null>(null);
  const count = allMatching ? allMatching.count : selected.size;
  const wholePage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  function countAll() {
    setOutcome(null);
    setWorking("Counting…");
    startTransition(async () => {
      const result = await countMatchingCustomersAction(null, {
        workspaceId,
        filters,
      });
      setWorking(null);
      if (result.ok && result.data) selectAllMatching(result.data.count);
      else if (!result.ok) setOutcome({ ok: false, text: result.error });
    });
  }

  function change(op: "add" | "remove", segment: ManualSegmentChoice) {
    const selection: CustomerSelectionInput = allMatching ? { kind: "matching", filters } : { kind: "ids", ids: [...selected] };
    setOutcome(null);
    setWorking(op === "add" ? `Adding to “${segment.name}”…` : `Removing from “${segment.name}”…`);
    startTransition(async () => {
      const action = op === "add" ? addCustomersToSegmentAction : removeCustomersFromSegmentAction;
      const result = await action(null, {
        workspaceId,
        segmentId: segment.publicId,
        selection,
      });
      setWorking(null);
      if (!result.ok) {
        setOutcome({ ok: false, text: result.error });
        return;
      }
      const text = result.message ?? "Done.";
      setOutcome({ ok: true, text, segment });
      toast.success(text);
      clear();
      router.refresh();
    });
  }

  const noun = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "customer" : "customers"}`;
  return (
    <div role="region" aria-label="Selected customers" className="flex flex-col gap-2 border-b border-gray-100 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <p className={count === 0 ? "text-gray-600" : "font-medium text-gray-900"} aria-live="polite">
          {count === 0
            ? "Tick customers to add them to a manual segment, or remove them from one."
            : allMatching
              ? `All ${noun(count)} ${filtered ? "matching these filters" : "in this workspace"} selected`
              : `${noun(count)} selected`}
        </p>
        {wholePage && !allMatching && hasMorePages ? (
          <Button variant="link" size="sm" onClick={countAll} disabled={pending}>
            {filtered ? "Select all customers matching these filters" : "Select all customers"}
          </Button>
        ) : null}
        {count > 0 ? (
          <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
            <ManualSegmentPicker
              label="Add to segment…"
              icon={<UserPlus aria-hidden />}
              segments={manualSegments}
              disabled={pending}
              onPick={(s) => change("add", s)}
            />
            <ManualSegmentPicker
              label="Remove from segment…"
              icon={<UserMinus aria-hidden />}
              segments={manualSegments}
              disabled={pending}
              onPick={(s) => setRemovalFrom(s)}
            />
            <Button variant="ghost" size="sm" onClick={clear} disabled={pending}>
              <X aria-hidden />
              Clear
            </Button>
          </div>
        ) : null}
      </div>
      <AlertDialog open={removalFrom !== null} onOpenChange={(open) => (open ? undefined : setRemovalFrom(null))}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>
              Remove {noun(count)} from “{removalFrom?.name}”?
            </AlertDialogTitle>
            <AlertDialogDescription>
              They leave this segment only; the customers stay in your customer list. A member that a data store added stays until the
              store removes it.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <Button
              variant="danger"
              onClick={() => {
                const segment = removalFrom;
                setRemovalFrom(null);
                if (segment) change("remove", segment);
              }}
            >
              <UserMinus aria-hidden />
              Remove {noun(count)}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <div role="status" className="empty:hidden">
        {working ? (
          <span className="inline-flex items-center gap-2 text-gray-600">
            <Loader2 aria-hidden className="size-4 animate-spin" />
            {working}
          </span>
        ) : outcome ? (
          <span className={outcome.ok ? "text-gray-800" : "text-red-700"}>
            {outcome.text}{" "}
            {outcome.segment ? (
              <Link href={`/segments/${outcome.segment.publicId}`} className="font-medium text-brand-700 underline underline-offset-4">
                Open “{outcome.segment.name}”
              </Link>
            ) : null}
          </span>
        ) : null}
      </div>
    </div>
  );
}
