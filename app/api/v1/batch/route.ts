import { handleIngestRequest } from "@/lib/ingest/handle-ingest-request";

/** Segment-compatible `batch` endpoint: the write key authenticates, no session is involved. */
export async function POST(request: Request): Promise<Response> {
  return handleIngestRequest(request, "batch");
}
