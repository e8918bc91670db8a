import { z } from "zod";
import { apiKeyKinds } from "@/db/schema";

export const createApiKeySchema = z.object({
  name: z
    .string({ error: "Name the key after where it will be used" })
    .trim()
    .min(1, "Name the key after where it will be used")
    .max(80, "Keep the name to 80 characters or fewer"),
  kind: z.enum(apiKeyKinds, { error: "Choose a key type: write or secret" }),
});

export const revokeApiKeySchema = z.object({ keyId: z.uuid({ error: "That API key does not exist" }) });
