import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export function MagicLinkEmail({ url, host }: { url: string; host: string }) {
  return (
    <EmailLayout preview="Your sign-in link for Lumen">
      <Text style={{ fontSize: 16, color: "#111827" }}>Click the button below to sign in to Lumen at {host}.</Text>
      <Button href={url} style={buttonStyle}>
        Sign in to Lumen
      </Button>
      <Text style={{ fontSize: 13, color: "#6b7280" }}>
        The link works once and expires in 24 hours. If you did not ask to sign in, you can ignore this email.
      </Text>
    </EmailLayout>
  );
}
