import "server-only";
import type { DbOrTx } from "@/db/client";
import { emptyCatalog, type BuilderCatalog } from "./builder/catalog";

// TEMPORARY STAND-IN (segments-ui): the builder branch owns this file and replaces it at merge.
export async function getBuilderCatalog(_db: DbOrTx, _workspaceId: string): Promise<BuilderCatalog> {
  return emptyCatalog;
}
