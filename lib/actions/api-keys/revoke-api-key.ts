"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/workspace-action";
import { revokeApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";

export const revokeApiKeyAction = workspaceAction({
  role: "admin",
  schema: revokeApiKeySchema,
  handler: async ({ keyId }, { db, user, workspaceId }) => {
    const { name } = await revokeApiKey(db, workspaceId, { actorUserId: user.id, keyId });
    revalidatePath("/settings");
    return { message: `API key "${name}" revoked.` };
  },
});
