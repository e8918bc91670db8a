"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { createApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { createApiKey } from "@/lib/api-keys/create-api-key";

export type CreateApiKeyData = { id: string; name: string; prefix: string; key: string };

/** Returns the full key in `data` exactly once; after this only its hash exists. */
export const createApiKeyAction = workspaceAction<typeof createApiKeySchema, CreateApiKeyData>({
  role: "admin",
  schema: createApiKeySchema,
  handler: async ({ name, kind }, { db, user, workspaceId }) => {
    const created = await createApiKey(db, workspaceId, { actorUserId: user.id, name, kind });
    revalidatePath("/settings");
    return {
      message: `API key "${name}" created.`,
      data: { id: created.id, name: created.name, prefix: created.prefix, key: created.key },
    };
  },
});
