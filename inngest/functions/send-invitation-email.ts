import { defineJob } from "../define-job";
import { sendEmail } from "@/lib/email/send-email";
import { InvitationEmail } from "@/lib/email/templates/invitation-email";
import { appUrl } from "@/lib/app-url";

export const sendInvitationEmail = defineJob(
  { id: "send-invitation-email", triggers: [{ event: "workspace/member.invited" }], retries: 4 },
  async ({ event, step }) => {
    const { email, workspaceName, inviterName, role } = event.data;
    return step.run("send-email", () =>
      sendEmail({
        to: email,
        subject: `${inviterName} invited you to ${workspaceName} on Lumen`,
        react: InvitationEmail({ workspaceName, inviterName, role, url: `${appUrl()}/sign-in?${new URLSearchParams({ email })}` }),
      }),
    );
  },
);
