import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { appUrl } from "@/lib/app-url";

// A key of its own, derived from AUTH_SECRET, so a download signature can never be replayed
// as anything else Auth.js signs.
function signingKey(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: export download links cannot be signed");
  return createHmac("sha256", secret).update("lumen/export-download/v1").digest();
}

function signature(exportId: string, expiresAtSeconds: number): string {
  return createHmac("sha256", signingKey()).update(`${exportId}.${expiresAtSeconds}`).digest("base64url");
}

/**
 * The emailed link to a large export: signed and expiring with the file. The route it points
 * to also requires a signed-in member of the export's workspace; the signature only proves the
 * link came from us unchanged. Built from the configured base URL, never from request headers.
 */
export function exportDownloadUrl(exportId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const params = new URLSearchParams({ expires: String(expires), signature: signature(exportId, expires) });
  return `${appUrl()}/api/exports/${exportId}/download?${params}`;
}

export type DownloadLinkCheck = { ok: true } | { ok: false; reason: "invalid" | "expired" };

export function verifyDownloadLink(exportId: string, expiresParam: string | null, signatureParam: string | null, now = new Date()): DownloadLinkCheck {
  if (!expiresParam || !signatureParam || !/^\d{1,12}$/.test(expiresParam)) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(signature(exportId, Number(expiresParam)));
  const given = Buffer.from(signatureParam);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  if (Number(expiresParam) * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true };
}
