"use client";

import { Loader2, UserMinus, UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { addCustomersToSegmentAction } from "@/lib/actions/segments/add-customers-to-segment";
import { removeCustomersFromSegmentAction } from "@/lib/actions/segments/remove-customers-from-segment";
import { ManualSegmentPicker, type ManualSegmentChoice } from "./manual-segment-picker";

/** Runs one add/remove of this customer and reports it (toast, and the message for screen readers). */
function useChangeCustomer(workspaceId: string, customerId: number) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function run(op: "add" | "remove", segment: ManualSegmentChoice) {
    setError(null);
    startTransition(async () => {
      const action = op === "add" ? addCustomersToSegmentAction : removeCustomersFromSegmentAction;
      const result = await action(null, { workspaceId, segmentId: segment.publicId, selection: { kind: "ids", ids: [customerId] } });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      if (op === "add") toast.success(`Added to “${segment.name}”.`);
      // One click removes (no dialog for a single customer), so the removal can be taken back.
      else toast.success(`Removed from “${segment.name}”.`, { action: { label: "Undo", onClick: () => run("add", segment) } });
      router.refresh();
    });
  }
  return { pending, error, run };
}

/** "Add to segment…" on a customer's page: the manual segments they are not in yet. */
export function AddCustomerToSegment({
  workspaceId,
  customerId,
  segments,
}: {
  workspaceId: string;
  customerId: number;
  segments: ManualSegmentChoice[];
}) {
  const { pending, error, run } = useChangeCustomer(workspaceId, customerId);
  return (
    <div className="mt-4 border-t border-gray-100 pt-4">
      <div className="flex items-center gap-2">
        <ManualSegmentPicker
          label="Add to segment…"
          icon={pending ? <Loader2 aria-hidden className="animate-spin" /> : <UserPlus aria-hidden />}
          segments={segments}
          disabled={pending}
          emptyText="This customer is in every manual segment, or there are none yet."
          onPick={(s) => run("add", s)}
        />
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The small "remove" button beside a manual segment the customer is in. */
export function RemoveCustomerFromSegment({
  workspaceId,
  customerId,
  segment,
}: {
  workspaceId: string;
  customerId: number;
  segment: ManualSegmentChoice;
}) {
  const { pending, error, run } = useChangeCustomer(workspaceId, customerId);
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="size-8 text-gray-500 hover:text-red-700"
        disabled={pending}
        onClick={() => run("remove", segment)}
        aria-label={`Remove from ${segment.name}`}
        title={`Remove from ${segment.name}`}
      >
        {pending ? <Loader2 aria-hidden className="animate-spin" /> : <UserMinus aria-hidden />}
      </Button>
      {error ? (
        <span role="alert" className="basis-full text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}
