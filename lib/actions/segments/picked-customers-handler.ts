import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { ActionContext } from "@/lib/actions/workspace-action";
import type { MembershipOp } from "@/lib/segments/membership/change-manual-members";
import { describePickedOutcome, requestPickedCustomersChange } from "@/lib/segments/membership/change-picked-customers";
import type { pickedCustomersFormSchema } from "@/lib/segments/membership/picked-customers";

export type PickedCustomersData = { status: "done"; changed: number; unchanged: number; keptByOtherSource: number } | { status: "queued"; matching: number };

/** The body of "Add to segment…" and "Remove from segment…": one request, one set-based change. */
export function pickedCustomersHandler(op: MembershipOp) {
  return async ({ segmentId, selection }: z.output<typeof pickedCustomersFormSchema>, { db, user, workspaceId }: ActionContext) => {
    const outcome = await requestPickedCustomersChange(db, workspaceId, segmentId, op, selection, { actorUserId: user.id });
    revalidatePath("/segments");
    revalidatePath(`/segments/${segmentId}`);
    revalidatePath("/customers", "layout");
    const data: PickedCustomersData =
      outcome.status === "queued"
        ? { status: "queued", matching: outcome.matching }
        : { status: "done", changed: outcome.result.changed, unchanged: outcome.result.unchanged, keptByOtherSource: outcome.result.keptByOtherSource };
    return { message: describePickedOutcome(op, outcome), data };
  };
}
