import { describe, expect, it } from "vitest";
import { toCountryCode } from "./country-code";

describe("toCountryCode", () => {
  it("turns a typed country name or a code in any case into the stored ISO code", () => {
    expect(toCountryCode("Germany")).toBe("DE");
    expect(toCountryCode(" united states ")).toBe("US");
    expect(toCountryCode("France")).toBe("FR");
    expect(toCountryCode("de")).toBe("DE");
    expect(toCountryCode("GB")).toBe("GB");
  });

  it("keeps what it does not know as typed", () => {
    expect(toCountryCode("Atlantis")).toBe("Atlantis");
    expect(toCountryCode("Deutschland")).toBe("Deutschland");
  });
});
