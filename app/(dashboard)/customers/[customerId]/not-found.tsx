import { UserRound } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function CustomerNotFound() {
  return (
    <Card>
      <EmptyState
        icon={<UserRound />}
        title="Customer not found"
        action={
          <Link href="/customers" className={buttonClasses({ variant: "secondary" })}>
            Back to customers
          </Link>
        }
      >
        There is no customer with this ID in the current workspace. If it belongs to another workspace, switch to that one
        first.
      </EmptyState>
    </Card>
  );
}
