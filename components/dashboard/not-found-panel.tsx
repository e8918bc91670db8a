import { Compass } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** The "page not found" body, the same inside the dashboard and on the bare global 404. */
export function NotFoundPanel() {
  return (
    <Card>
      <EmptyState
        icon={<Compass />}
        title="Page not found"
        action={
          <div className="flex flex-wrap justify-center gap-2">
            <Link href="/segments" className={buttonClasses({ variant: "primary" })}>
              Go to Segments
            </Link>
            <Link href="/customers" className={buttonClasses({ variant: "secondary" })}>
              Customers
            </Link>
          </div>
        }
      >
        There is nothing at this address. The link may be mistyped, or what it pointed to was deleted.
      </EmptyState>
    </Card>
  );
}
