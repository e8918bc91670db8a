import { describe, expect, it } from "vitest";
import { parseMessage, parseTimestamp, scanJsonText } from "./segment-schema";

describe("parseTimestamp", () => {
  it.each([
    ["2024-03-05T10:00:00Z", "2024-03-05T10:00:00.000Z"],
    ["2024-03-05T10:00:00.123456+02:00", "2024-03-05T08:00:00.123Z"], // Python isoformat
    ["2024-03-05T10:00:00.999999999-0530", "2024-03-05T15:30:00.999Z"], // Go RFC 3339 nano, compact offset
    ["2024-03-05 10:00:00", "2024-03-05T10:00:00.000Z"], // no offset means UTC, not the server's zone
    ["2024-03-05T10:00", "2024-03-05T10:00:00.000Z"],
    ["2024-03-05", "2024-03-05T00:00:00.000Z"],
    ["2024-02-29T23:59:59+00", "2024-02-29T23:59:59.000Z"],
  ])("reads %s", (input, expected) => {
    expect(parseTimestamp(input)).toBe(expected);
  });

  it.each(["", "yesterday", "2024-02-30T00:00:00Z", "2023-02-29", "2024-13-01", "2024-01-01T24:00:00Z", "2024-01-01T10:61:00Z", "0000-01-01T00:00:00Z", "1700000000", "2024-01-01T10:00:00+25:00"])(
    "refuses %j",
    (input) => {
      expect(parseTimestamp(input)).toBeNull();
    },
  );
});

describe("scanJsonText", () => {
  it("says how deep a text nests, not counting brackets in strings, and stops past the limit", () => {
    expect(scanJsonText(`{"a":[1,{"b":"[[[{{{"}]}`, 10).depth).toBe(3);
    expect(scanJsonText(`{"a":"\\"}`, 10).depth).toBe(1);
    expect(scanJsonText("[".repeat(5000), 64).depth).toBe(65);
  });

  it.each([
    [`{"amount":1e400}`, true],
    [`{"amount":-2.5E+308}`, true],
    [`{"amount":1.5e3}`, true], // finite, but only the checked parse can tell
    [`{"amount":${"9".repeat(400)}}`, true],
    [`{"amount":1e-400}`, true],
    [`{"ok":true,"no":false,"n":null,"price":12.5,"big":${"9".repeat(300)}}`, false],
    [`{"note":"1e400 and ${"9".repeat(400)} inside a string"}`, false],
    [`{"key\\":1,"e":2}`, false],
  ])("says whether %s may hold a number that parses to Infinity: %s", (text, expected) => {
    expect(scanJsonText(text, 64).mayOverflow).toBe(expected);
  });
});

describe("parseMessage", () => {
  const receivedAt = new Date("2025-01-01T00:00:00Z");

  it("normalises what SDKs leave out or send as null", () => {
    const result = parseMessage({ type: "track", userId: 42, anonymousId: null, event: " Signed Up ", properties: null }, 0, undefined, receivedAt);
    expect(result).toMatchObject({ ok: true, value: { type: "track", userId: "42", timestamp: "2025-01-01T00:00:00.000Z", event: { name: "Signed Up", properties: {} } } });
    if (result.ok) {
      expect(result.value).not.toHaveProperty("anonymousId");
      expect(result.value.messageId).toMatch(/^lumen-/);
    }
  });

  it("treats an empty userId or email as absent", () => {
    expect(parseMessage({ type: "identify", userId: "", traits: { email: "" } }, 4)).toEqual({
      ok: false,
      status: 400,
      issues: [{ index: 4, path: "userId", message: "is missing: every message needs a userId, an anonymousId or traits.email" }],
    });
  });

  it("turns a page into a page_viewed event carrying name and category", () => {
    const result = parseMessage({ anonymousId: "a", name: "Pricing", category: "Marketing", properties: { path: "/pricing" } }, 0, "page");
    expect(result).toMatchObject({ ok: true, value: { type: "page", event: { name: "page_viewed", properties: { path: "/pricing", name: "Pricing", category: "Marketing" } } } });
  });

  it("takes location from traits, then traits.address, then context", () => {
    const result = parseMessage(
      {
        type: "identify",
        userId: "u",
        traits: { address: { city: "Lyon", state: "ARA" }, timezone: 5 },
        context: { location: { country: "France", city: "Paris" }, timezone: "Europe/Paris" },
      },
      0,
    );
    expect(result).toMatchObject({ ok: true, value: { location: { country: "France", region: "ARA", city: "Lyon", timezone: "Europe/Paris" } } });
  });

  it("uses the email from traits, else context.traits", () => {
    const result = parseMessage({ type: "track", event: "E", context: { traits: { email: " A@B.io " } } }, 0);
    expect(result).toMatchObject({ ok: true, value: { email: "A@B.io" } });
  });

  it("refuses what Postgres cannot store, naming where it is, and accepts look-alikes", () => {
    const track = (properties: Record<string, unknown>) => parseMessage({ type: "track", userId: "u", event: "E", properties }, 2);
    expect(track({ list: ["ok", "bad\u0000"] })).toMatchObject({ ok: false, status: 400, issues: [{ index: 2, path: "properties.list.1" }] });
    expect(track({ half: "\ud800" })).toMatchObject({ ok: false, issues: [{ path: "properties.half", message: /invalid Unicode/ }] });
    expect(track({ "k\u0000": 1 })).toMatchObject({ ok: false, issues: [{ path: "properties.k\u0000", message: /key/ }] });
    // A literal backslash-u in text, a real surrogate pair and control characters are all fine.
    expect(track({ path: "C:\\users\\u0000", emoji: "😀", tab: "a\u0001b" })).toMatchObject({ ok: true });
  });
});

