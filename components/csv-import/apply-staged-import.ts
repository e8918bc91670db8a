import type { AnyImportReport } from "@/db/schema";
import { applyImportAction } from "@/lib/actions/csv-import/apply-import";

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
