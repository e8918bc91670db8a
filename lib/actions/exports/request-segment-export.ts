"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { failSegmentExport } from "@/lib/exports/build-segment-export";
import { requestSegmentExportSchema } from "@/lib/exports/export-schemas";
import { requestSegmentExport } from "@/lib/exports/request-segment-export";
import { sendJobEvent } from "@/lib/jobs/send-job-event";

export type RequestSegmentExportData = { exportId: string };

/**
 * Queues a CSV export of a segment for the signed-in member; the file is emailed to them.
 * Members and above: viewers may look but not take the data out. Limited per workspace.
 */
export const requestSegmentExportAction = workspaceAction<typeof requestSegmentExportSchema, RequestSegmentExportData>({
  role: "member",
  schema: requestSegmentExportSchema,
  handler: async ({ segmentId, columns }, { db, user, workspaceId }) => {
    const requested = await requestSegmentExport(db, workspaceId, { segmentPublicId: segmentId, columns, recipientEmail: user.email }, { actorUserId: user.id });
    try {
      await sendJobEvent({ name: "exports/segment.requested", data: { workspaceId, exportId: requested.exportId } });
    } catch (error) {
      // Not left "queued" forever: the list shows it failed, and the user can try again.
      await failSegmentExport(db, workspaceId, requested.exportId, "The export could not be queued. Please try again.");
      throw error;
    }
    revalidatePath("/exports");
    revalidatePath(`/segments/${segmentId}`);
    return { message: "We'll email you the CSV when it's ready.", data: { exportId: requested.exportId } };
  },
});
