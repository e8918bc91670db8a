import { Plus } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** The guide's "Create New Segment" button; opens the create flow. */
export function CreateSegmentLink({ className }: { className?: string }) {
  return (
    <Link href="/segments/new" className={buttonClasses({ className })}>
      <Plus aria-hidden />
      Create New Segment
    </Link>
  );
}
