"use server";

import { workspaceAction } from "@/lib/actions/workspace-action";
import { explainSegmentMembership, type SegmentMembershipExplanation } from "@/lib/segments/explain-segment-membership";
import { explainMembershipFormSchema } from "@/lib/segments/segment-schemas";

export const explainMembershipAction = workspaceAction<typeof explainMembershipFormSchema, SegmentMembershipExplanation>({
  role: "viewer",
  schema: explainMembershipFormSchema,
  handler: async ({ segmentId, customer }, { db, workspaceId }) => ({
    data: await explainSegmentMembership(db, workspaceId, segmentId, customer),
  }),
});
