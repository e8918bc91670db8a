"use server";

import { workspaceAction } from "@/lib/actions/workspace-action";
import { pickedCustomersFormSchema } from "@/lib/segments/membership/picked-customers";
import { pickedCustomersHandler, type PickedCustomersData } from "./picked-customers-handler";

/** "Add to segment…": picked ids or all customers matching the filters, into a manual segment. */
export const addCustomersToSegmentAction = workspaceAction<typeof pickedCustomersFormSchema, PickedCustomersData>({
  role: "member",
  schema: pickedCustomersFormSchema,
  handler: pickedCustomersHandler("add"),
});
