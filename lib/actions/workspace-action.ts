import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { WorkspaceRole } from "@/db/schema";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { UserError } from "@/lib/errors";
import { requireMembership, type Membership } from "@/lib/workspaces/get-membership";
import type { ActionResult, ActionState } from "./action-result";

export type ActionContext = { db: Db; user: SessionUser; membership: Membership; workspaceId: string };

type HandlerOutput<T> = { message?: string; data?: T } | void;

/** FormData → plain object; repeated keys become arrays, so zod coercion can parse either. */
export function formDataToObject(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = input.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/**
 * The one wrapper for server actions: session → workspace membership → role → zod parse →
 * handler → ActionResult. The workspace comes from the submitted `workspaceId` and is
 * verified against the signed-in user on every call; the UI hiding a button is not a check.
 */
export function workspaceAction<S extends z.ZodType, T = undefined>(options: {
  role: WorkspaceRole;
  schema: S;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<HandlerOutput<T>>;
}) {
  return async function action(_prev: ActionState<T>, formData: FormData | Record<string, unknown>): Promise<ActionResult<T>> {
    try {
      const user = await getSessionUser();
      if (!user) return { ok: false, error: "Your session has ended. Please sign in again." };
      const raw = formDataToObject(formData);
      const workspaceId = typeof raw.workspaceId === "string" ? raw.workspaceId : "";
      const db = await getDb();
      const membership = await requireMembership(db, user.id, workspaceId, options.role);
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        const fieldErrors = flat.fieldErrors as Record<string, string[]>;
        const first = flat.formErrors[0] ?? Object.values(fieldErrors).flat()[0] ?? "Invalid input";
        return { ok: false, error: first, fieldErrors };
      }
      const out = await options.handler(parsed.data, { db, user, membership, workspaceId });
      return { ok: true, message: out?.message, data: out?.data };
    } catch (error) {
      if (error instanceof UserError) return { ok: false, error: error.message };
      // Unexpected: log it with its stack for the operator, show a generic message to the user.
      console.error("[action] unexpected error", error);
      return { ok: false, error: "Something went wrong on our side. Please try again." };
    }
  };
}
