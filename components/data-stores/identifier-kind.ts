import type { DataStoreIdentifierKind } from "@/db/schema";

/** How the UI names what a store's records identify customers by. */
export const identifierKindLabels: Record<DataStoreIdentifierKind, string> = { email: "Email", external_id: "External ID" };
