import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { segmentExports } from "@/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { SegmentExportEmail } from "@/lib/email/templates/segment-export-email";
import { exportDownloadUrl } from "./download-link";
import { attachmentLimitBytes } from "./export-settings";
import { exportStorage } from "./export-storage";

export function exportFileName(segmentName: string, at: Date): string {
  const slug = segmentName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "segment";
  return `${slug}-${at.toISOString().slice(0, 10)}.csv`;
}

export type ExportEmailResult = { delivery: "attachment" | "link"; emailId: string } | { delivery: "none" };

/**
 * Emails the built file to the requester: attached up to 5 MB, else a signed link. Reads the
 * stored file, never rebuilds it, and sends with an idempotency key per export, so a retry
 * of this step after a send that did go through is not delivered twice.
 */
export async function sendSegmentExportEmail(db: DbOrTx, workspaceId: string, exportId: string): Promise<ExportEmailResult> {
  const [row] = await db
    .select()
    .from(segmentExports)
    .where(and(eq(segmentExports.id, exportId), eq(segmentExports.workspaceId, workspaceId)));
  if (!row || row.status !== "sending" || !row.expiresAt || row.byteSize === null) return { delivery: "none" };

  const builtAt = row.startedAt ?? row.createdAt;
  const fileName = exportFileName(row.segmentName, builtAt);
  const small = row.byteSize <= attachmentLimitBytes();
  let attachment: Buffer | undefined;
  if (small) {
    const parts: Buffer[] = [];
    for await (const part of exportStorage(db).readParts(exportId)) parts.push(part);
    attachment = Buffer.concat(parts);
  }
  const downloadUrl = small ? undefined : exportDownloadUrl(exportId, row.expiresAt);
  const sent = await sendEmail({
    to: row.recipientEmail,
    subject: `Your export of ${row.segmentName} is ready`,
    react: SegmentExportEmail({ segmentName: row.segmentName, rowCount: row.rowsWritten, builtAt, fileName, downloadUrl, expiresAt: row.expiresAt }),
    attachments: attachment ? [{ filename: fileName, contentType: "text/csv; charset=utf-8", content: attachment }] : undefined,
    idempotencyKey: `segment-export/${exportId}`,
  });
  const delivery = small ? ("attachment" as const) : ("link" as const);
  await db
    .update(segmentExports)
    .set({ status: "sent", delivery, emailId: sent.id, finishedAt: new Date() })
    .where(and(eq(segmentExports.id, exportId), eq(segmentExports.workspaceId, workspaceId)));
  return { delivery, emailId: sent.id };
}
