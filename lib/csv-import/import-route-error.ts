import "server-only";
import { UserError } from "@/lib/errors";

/** A UserError as JSON with its status; anything else logged and answered 500 without details. */
export function importRouteError(error: unknown): Response {
  if (error instanceof UserError) return Response.json({ error: error.message }, { status: error.status });
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  console.error(`[imports] failed: ${cause || (error instanceof Error ? error.name : String(error))}`);
  return Response.json({ error: "Something went wrong on our side. Please try again." }, { status: 500 });
}
