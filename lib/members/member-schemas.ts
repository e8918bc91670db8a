import { z } from "zod";
import { workspaceRoles } from "@/db/schema";

export const roleSchema = z.enum(workspaceRoles, { error: "Choose a role: owner, admin, member or viewer" });

const memberIdSchema = z.string({ error: "Choose a member" }).trim().min(1, "Choose a member").max(200);

export const inviteMemberSchema = z.object({
  email: z
    .string({ error: "Enter an email address" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address, like name@company.com" }).max(320)),
  role: roleSchema,
});

export const changeMemberRoleSchema = z.object({ userId: memberIdSchema, role: roleSchema });

export const removeMemberSchema = z.object({ userId: memberIdSchema });

export const invitationIdSchema = z.object({ invitationId: z.uuid({ error: "Choose an invitation" }) });
