import { describe, expect, it } from "vitest";
import { countriesMatching, countryName, toCountryCode } from "./country-code";

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

describe("countriesMatching", () => {
  const codes = ["US", "DE", "FR", "GB", "NL"];

  it("offers the country a typed name, a part of it or a code means", () => {
    expect(countriesMatching("Germany", codes)).toEqual([{ code: "DE", name: "Germany" }]);
    expect(countriesMatching("germ", codes)).toEqual([{ code: "DE", name: "Germany" }]);
    expect(countriesMatching("de", codes)).toEqual([{ code: "DE", name: "Germany" }]);
    expect(countriesMatching("kingdom", codes)).toEqual([{ code: "GB", name: "United Kingdom" }]);
    expect(countriesMatching("united", codes)).toEqual([
      { code: "US", name: "United States" },
      { code: "GB", name: "United Kingdom" },
    ]);
  });

  it("names a country no customer has yet when the whole name is typed, and nothing for other words", () => {
    expect(countriesMatching("Japan", codes)).toEqual([{ code: "JP", name: "Japan" }]);
    expect(countriesMatching("Country", codes)).toEqual([]);
    expect(countriesMatching("plan", codes)).toEqual([]);
    expect(countriesMatching("g", codes)).toEqual([]);
  });

  it("reads a code as its English name, and keeps what is not a code", () => {
    expect(countryName("DE")).toBe("Germany");
    expect(countryName("Deutschland")).toBe("Deutschland");
  });
});
