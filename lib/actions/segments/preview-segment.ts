"use server";

import { workspaceAction } from "@/lib/actions/workspace-action";
import { previewDraft, previewSegmentSchema, type PreviewData } from "@/lib/segments/preview-draft";

/**
 * The builder's live preview: how many customers a draft definition matches, their share of
 * all customers, a sample and the summary. Reading is enough, so viewers may preview; the
 * workspace comes from the form and is checked against the session like every action.
 */
export const previewSegmentAction = workspaceAction<typeof previewSegmentSchema, PreviewData>({
  role: "viewer",
  schema: previewSegmentSchema,
  handler: async ({ conditions, segmentId }, { db, workspaceId }) => ({
    data: await previewDraft(db, workspaceId, conditions, { self: segmentId ? { publicId: segmentId } : undefined }),
  }),
});
