"use client";

import { Copy, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { duplicateSegmentAction } from "@/lib/actions/segments/duplicate-segment";

/** Creates a copy ("Copy of …"; automatic: same definition, recalculated) and opens it. */
export function DuplicateSegmentButton({ workspaceId, segmentPublicId }: { workspaceId: string; segmentPublicId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function duplicate() {
    setError(null);
    startTransition(async () => {
      const result = await duplicateSegmentAction(null, { workspaceId, segmentId: segmentPublicId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      if (!result.data) return;
      toast.success("Segment duplicated: this is the copy. Rename it with Edit.");
      router.push(`/segments/${result.data.publicId}`);
    });
  }

  return (
    <span className="inline-flex flex-col items-end">
      <Button variant="secondary" onClick={duplicate} disabled={pending}>
        {pending ? <Loader2 aria-hidden className="animate-spin" /> : <Copy aria-hidden />}
        {pending ? "Duplicating…" : "Duplicate"}
      </Button>
      {error ? (
        <span role="alert" className="mt-1 max-w-60 text-right text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
