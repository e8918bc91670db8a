import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { verifyDownloadLink } from "@/lib/exports/download-link";
import { exportStorage } from "@/lib/exports/export-storage";
import { getDownloadableExport } from "@/lib/exports/list-exports";
import { exportFileName } from "@/lib/exports/send-segment-export-email";
import { getExportWorkspaceId } from "@/lib/exports/get-export-workspace";
import { getMembership, isUuid } from "@/lib/workspaces/get-membership";
import { appUrl } from "@/lib/app-url";

function refuse(status: number, message: string) {
  return new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * Downloads an export's CSV. Needs both a valid, unexpired signature (the emailed link) and a
 * signed-in member of the export's workspace; the file is streamed part by part.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) return refuse(404, "Export not found.");
  const query = new URL(request.url).searchParams;
  const link = verifyDownloadLink(id, query.get("expires"), query.get("signature"));
  if (!link.ok) {
    return link.reason === "expired"
      ? refuse(410, "This download link has expired. Export the segment again to get a new file.")
      : refuse(403, "This download link is not valid.");
  }
  const user = await getSessionUser();
  if (!user) {
    const back = `/api/exports/${id}/download?${query}`;
    return NextResponse.redirect(`${appUrl()}/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  }
  const db = await getDb();
  const workspaceId = await getExportWorkspaceId(db, id);
  const membership = workspaceId ? await getMembership(db, user.id, workspaceId) : null;
  // Another workspace's export looks exactly like one that does not exist.
  if (!workspaceId || !membership) return refuse(404, "Export not found.");
  const file = await getDownloadableExport(db, workspaceId, id);
  if (!file) return refuse(410, "This export's file has expired or is not available. Export the segment again.");

  const parts = exportStorage(db).readParts(id)[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await parts.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value));
    },
  });
  const fileName = exportFileName(file.segmentName, file.startedAt ?? file.createdAt);
  return new NextResponse(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "private, no-store",
    },
  });
}
