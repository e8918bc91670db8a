import { Eye } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** What a viewer sees on a page that changes segments: why not, and the way back. */
export function ViewOnlyNotice({ backHref, backLabel }: { backHref: string; backLabel: string }) {
  return (
    <Card>
      <EmptyState
        icon={<Eye />}
        title="You have view-only access"
        action={
          <Link href={backHref} className={buttonClasses({ variant: "secondary" })}>
            {backLabel}
          </Link>
        }
      >
        Viewers can see segments but not create or change them. Ask an admin of this workspace to give you the Member role.
      </EmptyState>
    </Card>
  );
}
