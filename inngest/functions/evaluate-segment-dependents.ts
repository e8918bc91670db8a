import { getDb } from "@/db/client";
import { evaluateDependentsOfSegment } from "@/lib/segments/membership/evaluate-dependents";
import { defineJob } from "../define-job";

/** A manual segment's members changed: segments whose conditions use it follow. */
export const evaluateSegmentDependents = defineJob(
  {
    id: "evaluate-segment-dependents",
    triggers: [{ event: "segments/members.changed" }],
    retries: 3,
  },
  async ({ event, step }) => {
    const { workspaceId, segmentPublicId, customerIds } = event.data;
    return step.run("evaluate", async () => evaluateDependentsOfSegment(await getDb(), workspaceId, segmentPublicId, customerIds));
  },
);
