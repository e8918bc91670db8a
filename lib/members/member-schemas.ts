import { z } from "zod";
import { workspaceRoles } from "@/db/schema";

export const roleSchema = z.enum(workspaceRoles, { error: "Choose a role: owner, admin, member or viewer" });

const memberIdSchema = z.string({ error: "Choose a member" }).trim().min(1, "Choose a member").max(200);

export const inviteMemberSchema = z.object({
  email: z
    .string({ error: "Enter an email address" })
    .trim()
    .toLowerCase()
    // RFC 5321: a mailbox's local part is at most 64 characters and the whole address at most 254.
    .pipe(
      z
        .email({ error: "Enter a valid email address, like name@company.com" })
        .max(254, "Email addresses are at most 254 characters")
        .refine((email) => email.indexOf("@") <= 64, "The part before the @ is at most 64 characters"),
    ),
  role: roleSchema,
});

export const changeMemberRoleSchema = z.object({ userId: memberIdSchema, role: roleSchema });

export const removeMemberSchema = z.object({ userId: memberIdSchema });

export const invitationIdSchema = z.object({ invitationId: z.uuid({ error: "Choose an invitation" }) });
