import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { desc } from "drizzle-orm";
import { devOutbox } from "@/db/schema";
import { createTestDb, type TestDb } from "@/tests/helpers/test-db";
import { sendInvitationEmail } from "./send-invitation-email";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.close());

const event = {
  name: "workspace/member.invited" as const,
  data: {
    workspaceId: "00000000-0000-4000-8000-000000000001",
    workspaceName: "Acme Marketing",
    email: "new.person@example.com",
    role: "member",
    inviterName: "Dana",
  },
};

describe("send-invitation-email", () => {
  it("runs under Inngest and sends the invitation through the email layer (dev outbox here)", async () => {
    const engine = new InngestTestEngine({ function: sendInvitationEmail.fn, events: [event] as never });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ transport: "dev-outbox" });
    const [mail] = await t.db.select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(1);
    expect(mail.to).toBe("new.person@example.com");
    expect(mail.subject).toBe("Dana invited you to Acme Marketing on Lumen");
    // The link starts the sign-in form with the invited address.
    expect(mail.html).toContain("/sign-in?email=new.person%40example.com");
    expect(mail.text).toContain("Acme Marketing");
  });

  it("runs the same handler in the embedded runner", async () => {
    const { EmbeddedRunner } = await import("@/lib/jobs/embedded-runner");
    const runner = new EmbeddedRunner([sendInvitationEmail]);
    runner.send({ ...event, data: { ...event.data, email: "second@example.com" } });
    await runner.idle();
    expect(runner.runs[0].status).toBe("completed");
    const [mail] = await t.db.select().from(devOutbox).orderBy(desc(devOutbox.id)).limit(1);
    expect(mail.to).toBe("second@example.com");
  });
});
