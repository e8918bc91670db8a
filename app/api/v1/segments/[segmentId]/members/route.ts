import { describeZodError, readJsonBody, withSecretKey } from "@/lib/api/secret-key-route";
import { UserError } from "@/lib/errors";
import type { MembershipOp } from "@/lib/segments/membership/change-manual-members";
import { changeMembersFromApi, MAX_MEMBERS_BODY_BYTES, membersRequestSchema } from "@/lib/segments/membership/members-api";

type Params = { segmentId: string };

function handle(op: MembershipOp) {
  return withSecretKey<Params>(async (request, { db, auth, params }) => {
    const parsed = membersRequestSchema.safeParse(await readJsonBody(request, MAX_MEMBERS_BODY_BYTES));
    if (!parsed.success) throw new UserError(describeZodError(parsed.error), 400);
    return Response.json(await changeMembersFromApi(db, auth.workspaceId, params.segmentId, op, parsed.data, auth.keyId));
  });
}

/** Adds up to 10,000 customers (by email or external id) to a manual segment. */
export const POST = handle("add");
/** Removes up to 10,000 customers (by email or external id) from a manual segment. */
export const DELETE = handle("remove");
