import type { AnyImportReport } from "@/db/schema";
import { applyImportAction } from "@/lib/actions/csv-import/apply-import";
import type { WorkerRequest, WorkerResponse } from "./csv-import-protocol";

export type AppliedImport = { ok: true; report: AnyImportReport } | { ok: false; error: string };

/**
 * Asks the server to apply an uploaded import and waits for its report: at once for a small
 * file, by polling the import's status while the background job applies a large one. Shared by
 * a segment's import and a data store's upload.
 */
export async function applyStagedImportAndWait(workspaceId: string, importId: string): Promise<AppliedImport> {
  const result = await applyImportAction(null, { workspaceId, importId });
  if (!result.ok || !result.data) return { ok: false, error: result.ok ? "The file could not be applied." : result.error };
  if (result.data.status === "applied") return { ok: true, report: result.data.report };
  for (;;) {
    await new Promise((r) => setTimeout(r, 1500));
    const res = await fetch(`/api/imports/${importId}?workspaceId=${encodeURIComponent(workspaceId)}`, { cache: "no-store" }).catch(() => null);
    if (!res) continue;
    const body = (await res.json().catch(() => null)) as { status?: string; report?: AnyImportReport; error?: string } | null;
    if (body?.status === "applied" && body.report) return { ok: true, report: body.report };
    if (!res.ok || body?.status === "failed") return { ok: false, error: body?.error ?? "The upload failed and changed nothing." };
  }
}

type Ask = (request: WorkerRequest, onMessage: (m: WorkerResponse) => void) => void;

/**
 * The part every CSV upload shares once its import is started: the worker sends the file's rows
 * in batches (progress as it goes), then the server applies them and the report comes back.
 * A failure at either stage has changed nothing, and says so.
 */
export function uploadThenApply(
  ask: Ask,
  request: Extract<WorkerRequest, { type: "upload" }>,
  on: { progress: (rows: number, fraction: number) => void; applying: (rows: number) => void; failed: (message: string) => void; applied: (report: AnyImportReport) => void },
): void {
  ask(request, (m) => {
    if (m.type === "progress") on.progress(m.rows, m.fraction);
    else if (m.type === "error") on.failed(`${m.message} Nothing was changed.`);
    else if (m.type === "uploaded") {
      on.applying(m.rows);
      void applyStagedImportAndWait(request.workspaceId, request.importId).then((result) => (result.ok ? on.applied(result.report) : on.failed(result.error)));
    }
  });
}
