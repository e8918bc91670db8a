import "server-only";
import { isEmbedded } from "@/db/client";

/**
 * Whether this server keeps a shared demo workspace that every new user joins: always on the
 * embedded default, and on a server with its own Postgres only when LUMEN_DEMO_WORKSPACE=1 —
 * for a trial server, and for the end-to-end tests that run the guide's flows on real Postgres.
 * Never on a real deployment: every uninvited new user joins the demo as an owner.
 */
export function demoWorkspaceEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return isEmbedded(env) || env.LUMEN_DEMO_WORKSPACE === "1";
}
