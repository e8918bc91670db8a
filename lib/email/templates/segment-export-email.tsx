import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/** Dates in emails are written in UTC: the server does not know the reader's time zone. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function SegmentExportEmail({
  segmentName,
  rowCount,
  builtAt,
  fileName,
  downloadUrl,
  expiresAt,
}: {
  segmentName: string;
  rowCount: number;
  builtAt: Date;
  fileName: string;
  /** Set when the file is too large to attach. */
  downloadUrl?: string;
  expiresAt: Date;
}) {
  const rows = `${rowCount.toLocaleString("en-US")} ${rowCount === 1 ? "customer" : "customers"}`;
  return (
    <EmailLayout preview={`Your export of ${segmentName} is ready`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        Your export of the segment <strong>{segmentName}</strong> is ready: {rows}, exported {utc(builtAt)}.
      </Text>
      {downloadUrl ? (
        <>
          <Button href={downloadUrl} style={buttonStyle}>
            Download {fileName}
          </Button>
          <Text style={{ fontSize: 13, color: "#6b7280" }}>
            The file is too large to attach. The link works until {utc(expiresAt)} for signed-in members of the workspace.
          </Text>
        </>
      ) : (
        <Text style={{ fontSize: 14, color: "#111827" }}>
          The CSV file <strong>{fileName}</strong> is attached. It can also be downloaded from the exports list until {utc(expiresAt)}.
        </Text>
      )}
    </EmailLayout>
  );
}
