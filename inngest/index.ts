import type { Job } from "./define-job";
import { applyImportJob } from "./functions/apply-import";
import { applyPickedCustomersJob } from "./functions/apply-picked-customers";
import { deleteSegmentJob } from "./functions/delete-segment";
import { evaluateChangedCustomers } from "./functions/evaluate-changed-customers";
import { expireExports } from "./functions/expire-exports";
import { exportSegment } from "./functions/export-segment";
import { evaluateSegmentDependents } from "./functions/evaluate-segment-dependents";
import { recomputeSegment } from "./functions/recompute-segment";
import { refreshTimeWindows } from "./functions/refresh-time-windows";
import { refreshWorkspaceTimeWindows } from "./functions/refresh-workspace-time-windows";
import { sendInvitationEmail } from "./functions/send-invitation-email";
import { resyncDataStores } from "./functions/resync-data-stores";
import { sweepSegments } from "./functions/sweep-segments";
import { syncDataStore } from "./functions/sync-data-store";
import { syncDataStoresForCustomers } from "./functions/sync-data-stores-for-customers";

/** Every background job. Served at /api/inngest and run by the embedded runner. */
export const jobs: Job[] = [
  sendInvitationEmail,
  recomputeSegment,
  evaluateChangedCustomers,
  refreshTimeWindows,
  refreshWorkspaceTimeWindows,
  sweepSegments,
  deleteSegmentJob,
  exportSegment,
  expireExports,
  evaluateSegmentDependents,
  applyImportJob,
  syncDataStore,
  syncDataStoresForCustomers,
  resyncDataStores,
  applyPickedCustomersJob,
];

export const inngestFunctions = jobs.map((job) => job.fn);
