import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { UserError } from "@/lib/errors";
import type { ActionResult, ActionState } from "./action-result";
import { formDataToObject } from "./workspace-action";

/**
 * For the few actions a signed-in user takes outside any workspace (answering an invitation):
 * session → zod parse → handler → ActionResult. Handlers scope every query by the user.
 */
export function sessionAction<S extends z.ZodType>(options: {
  schema: S;
  handler: (input: z.output<S>, ctx: { db: Db; user: SessionUser }) => Promise<{ message?: string } | void>;
}) {
  return async function action(_prev: ActionState, formData: FormData | Record<string, unknown>): Promise<ActionResult> {
    try {
      const user = await getSessionUser();
      if (!user) return { ok: false, error: "Your session has ended. Please sign in again." };
      const parsed = options.schema.safeParse(formDataToObject(formData));
      if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input" };
      const out = await options.handler(parsed.data, { db: await getDb(), user });
      return { ok: true, message: out?.message };
    } catch (error) {
      if (error instanceof UserError) return { ok: false, error: error.message };
      console.error("[action] unexpected error", error);
      return { ok: false, error: "Something went wrong on our side. Please try again." };
    }
  };
}
