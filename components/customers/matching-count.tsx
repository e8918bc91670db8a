"use client";

import { Loader2 } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { countMatchingCustomersAction } from "@/lib/actions/customers/count-matching-customers";
import type { CustomerFilters } from "@/lib/customers/customer-filters";

/**
 * "How many match?" under a filtered list that has more pages: counted on request (a count
 * over a million customers is not free, so not on every page view), with the same action the
 * "select all matching" uses.
 */
export function MatchingCount({ workspaceId, filters }: { workspaceId: string; filters: CustomerFilters }) {
  const [pending, startTransition] = useTransition();
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);

  function count() {
    startTransition(async () => {
      const result = await countMatchingCustomersAction(null, { workspaceId, filters });
      if (result.ok && result.data) {
        const n = result.data.count;
        setAnswer({ ok: true, text: `${n.toLocaleString("en-US")} ${n === 1 ? "customer matches" : "customers match"}` });
      } else setAnswer({ ok: false, text: result.ok ? "Could not count them." : result.error });
    });
  }

  if (answer) {
    return (
      <span role="status" className={answer.ok ? "font-medium text-gray-900" : "text-red-700"}>
        {answer.text}
      </span>
    );
  }
  return (
    <Button variant="link" size="sm" className="h-auto p-0" onClick={count} disabled={pending}>
      {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
      {pending ? "Counting…" : "How many match?"}
    </Button>
  );
}
