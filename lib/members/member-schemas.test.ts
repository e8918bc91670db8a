import { describe, expect, it } from "vitest";
import { inviteMemberSchema } from "./member-schemas";

describe("inviteMemberSchema", () => {
  it("takes an address at the limits: 64 characters before the @ and 254 in all", () => {
    const local = "a".repeat(64);
    const domain = `${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(2)}.com`;
    const email = `${local}@${domain}`;
    expect(email.length).toBeLessThanOrEqual(254);
    expect(inviteMemberSchema.safeParse({ email, role: "member" }).success).toBe(true);
  });

  it("refuses a local part over 64 characters and an address over 254, saying which rule", () => {
    const longLocal = inviteMemberSchema.safeParse({ email: `${"a".repeat(65)}@example.com`, role: "member" });
    expect(longLocal.success).toBe(false);
    expect(longLocal.error?.issues[0].message).toBe("The part before the @ is at most 64 characters");
    const longAddress = inviteMemberSchema.safeParse({ email: `ana@${"x".repeat(62)}.${"y".repeat(62)}.${"z".repeat(62)}.${"w".repeat(62)}.com`, role: "member" });
    expect(longAddress.success).toBe(false);
    expect(longAddress.error?.issues.map((i) => i.message)).toContain("Email addresses are at most 254 characters");
  });
});
