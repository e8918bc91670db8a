import { Layers } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function SegmentNotFound() {
  return (
    <Card>
      <EmptyState
        icon={<Layers />}
        title="Segment not found"
        action={
          <Link href="/segments" className={buttonClasses({ variant: "secondary" })}>
            Back to Segments
          </Link>
        }
      >
        There is no segment with this ID in the current workspace: it may have been deleted. If it belongs to another workspace,
        switch to that one first.
      </EmptyState>
    </Card>
  );
}
