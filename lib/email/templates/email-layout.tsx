import type { ReactNode } from "react";
import { Body, Container, Head, Html, Preview, Section, Text } from "@react-email/components";

export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "Helvetica, Arial, sans-serif", margin: 0 }}>
        <Container style={{ maxWidth: 520, margin: "32px auto", backgroundColor: "#ffffff", borderRadius: 8, padding: 32 }}>
          <Text style={{ fontSize: 18, fontWeight: 700, color: "#4338ca", margin: "0 0 16px" }}>Lumen</Text>
          <Section>{children}</Section>
          <Text style={{ fontSize: 12, color: "#6b7280", marginTop: 32 }}>
            You received this email because of an action in your Lumen workspace.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#4f46e5",
  color: "#ffffff",
  borderRadius: 6,
  padding: "12px 20px",
  fontSize: 14,
  fontWeight: 600,
  textDecoration: "none",
  display: "inline-block",
} as const;
