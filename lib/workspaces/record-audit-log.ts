import "server-only";
import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditEntry = {
  actorUserId: string | null;
  /** `<entity>.<verb>`, e.g. `member.removed`. */
  action: string;
  target?: string | null;
  data?: Record<string, unknown>;
};

/** Writes one audit_log row; call it inside the transaction of the change it records. Never put secrets in `data`. */
export async function recordAuditLog(db: DbOrTx, workspaceId: string, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    target: entry.target ?? null,
    data: entry.data ?? {},
  });
}
