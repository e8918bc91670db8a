import { getDb } from "@/db/client";
import { changePickedCustomers } from "@/lib/segments/membership/change-picked-customers";
import { defineJob } from "../define-job";

/**
 * "All customers matching" a large filter, added to (or removed from) a manual segment in the
 * background: one step, one set-based statement through the membership module, which writes
 * the audit log with the exact counts.
 */
export const applyPickedCustomersJob = defineJob(
  {
    id: "apply-picked-customers",
    triggers: [{ event: "segments/picked.requested" }],
    // Adding and removing are idempotent (a member is added once, a non-member not removed): a retry is safe.
    retries: 2,
    concurrency: { limit: 1, key: "event.data.segmentPublicId" },
  },
  async ({ event, step }) => {
    const { workspaceId, segmentPublicId, op, filters, actorUserId, at } = event.data;
    return step.run("apply", async () => {
      const { result } = await changePickedCustomers(await getDb(), workspaceId, segmentPublicId, op, { kind: "matching", filters }, { actorUserId, now: new Date(at) });
      return result;
    });
  },
);
