"use server";

import { workspaceAction } from "@/lib/actions/workspace-action";
import { compileCustomerFilters, countMatchingCustomers } from "@/lib/customers/customer-filter-sql";
import { countMatchingFormSchema } from "@/lib/segments/membership/picked-customers";

/** "Select all N customers matching": counted on request, not on every page view of the list. */
export const countMatchingCustomersAction = workspaceAction<typeof countMatchingFormSchema, { count: number }>({
  role: "viewer",
  schema: countMatchingFormSchema,
  handler: async ({ filters }, { db, workspaceId }) => {
    const compiled = await compileCustomerFilters(db, workspaceId, filters);
    return { data: { count: await countMatchingCustomers(db, workspaceId, compiled) } };
  },
});
