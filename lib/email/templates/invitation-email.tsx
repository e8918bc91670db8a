import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export function InvitationEmail({
  workspaceName,
  inviterName,
  role,
  url,
}: {
  workspaceName: string;
  inviterName: string;
  role: string;
  url: string;
}) {
  return (
    <EmailLayout preview={`You have been invited to ${workspaceName} on Lumen`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        {inviterName} invited you to join the workspace <strong>{workspaceName}</strong> on Lumen as {role}.
      </Text>
      <Button href={url} style={buttonStyle}>
        Sign in to accept
      </Button>
      <Text style={{ fontSize: 13, color: "#6b7280" }}>
        Sign in with this email address, then choose Accept on the invitation at the top of the page: {workspaceName} opens.
      </Text>
    </EmailLayout>
  );
}
