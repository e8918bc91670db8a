"use server";

import { workspaceAction } from "@/lib/actions/workspace-action";
import { pickedCustomersFormSchema } from "@/lib/segments/membership/picked-customers";
import { pickedCustomersHandler, type PickedCustomersData } from "./picked-customers-handler";

/** "Remove from segment…" and "Remove selected": picked ids or all customers matching the filters, out of a manual segment. */
export const removeCustomersFromSegmentAction = workspaceAction<typeof pickedCustomersFormSchema, PickedCustomersData>({
  role: "member",
  schema: pickedCustomersFormSchema,
  handler: pickedCustomersHandler("remove"),
});
