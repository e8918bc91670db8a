import { getDb } from "@/db/client";
import { applyStagedImport } from "@/lib/csv-import/apply-staged-import";
import { defineJob } from "../define-job";

/**
 * A large CSV import (a segment's members or a data store's records), applied in the background: one step, one transaction (all or
 * nothing). bench:import measures it at a million rows, well inside a 60 s step.
 */
export const applyImportJob = defineJob(
  {
    id: "apply-import",
    triggers: [{ event: "imports/apply.requested" }],
    // A failed apply changed nothing and marked the import failed: the user uploads again.
    retries: 0,
    concurrency: { limit: 1, key: "event.data.importId" },
  },
  async ({ event, step }) => {
    const { workspaceId, importId, actorUserId } = event.data;
    return step.run("apply", async () => applyStagedImport(await getDb(), workspaceId, importId, { actorUserId }));
  },
);
