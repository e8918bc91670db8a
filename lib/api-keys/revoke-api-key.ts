import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { recordAuditLog } from "@/lib/workspaces/record-audit-log";
import { forgetWriteKey } from "./authenticate-write-key";

/** Revoked rather than deleted, so the audit trail can still name the key; key lookups must skip revoked rows. */
export async function revokeApiKey(db: Db, workspaceId: string, input: { actorUserId: string; keyId: string }) {
  const revoked = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, input.keyId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, hash: apiKeys.hash });
    if (!row) throw new UserError("That API key does not exist or was already revoked.");
    await recordAuditLog(tx, workspaceId, {
      actorUserId: input.actorUserId,
      action: "api_key.revoked",
      target: row.id,
      data: { name: row.name, prefix: row.prefix },
    });
    return row;
  });
  // After the commit, so a request in between cannot cache the key again as valid.
  forgetWriteKey(revoked.hash);
  return { name: revoked.name };
}
