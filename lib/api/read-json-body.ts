import "server-only";
import { z } from "zod";
import { UserError } from "@/lib/errors";

/** Reads a JSON body of at most `maxBytes`, refusing a larger one before buffering it all. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new UserError(`Request body exceeds ${Math.round(maxBytes / 1024 / 1024)} MB`, 413);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) throw new UserError("Request body is empty; send a JSON object", 400);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new UserError("Request body is empty; send a JSON object", 400);
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError("Request body is not valid JSON", 400);
  }
}

/** A JSON body checked against `schema`; the first problem, with where it is, as a 400. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(request, maxBytes));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UserError(`${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`, 400);
}
