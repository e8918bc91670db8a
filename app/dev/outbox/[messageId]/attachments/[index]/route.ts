import { getDb } from "@/db/client";
import { devOutboxEnabled } from "@/lib/email/send-email";
import { getOutboxMessage } from "@/lib/dev-outbox/dev-outbox";

export async function GET(_request: Request, { params }: { params: Promise<{ messageId: string; index: string }> }) {
  if (!devOutboxEnabled()) return new Response("Not found", { status: 404 });
  const { messageId, index } = await params;
  const message = await getOutboxMessage(await getDb(), messageId);
  const attachment = message?.attachments[Number(index)];
  if (!attachment) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(attachment.contentBase64, "base64"), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Disposition": `attachment; filename="${attachment.filename.replace(/["\r\n]/g, "_")}"`,
    },
  });
}
