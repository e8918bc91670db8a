import { secretKeyRoute } from "@/lib/api/secret-key-route";
import { dataStoreJson } from "@/lib/data-stores/data-store-json";
import { listDataStores } from "@/lib/data-stores/list-data-stores";

/** GET /api/v1/data-stores: the workspace's data stores, by name. */
export const GET = secretKeyRoute({
  handler: async (_input, { db, workspaceId }) => ({ data: (await listDataStores(db, workspaceId)).map(dataStoreJson) }),
});
