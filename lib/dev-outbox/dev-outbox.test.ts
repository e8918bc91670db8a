import { describe, expect, it } from "vitest";
import { decodeHtmlEntities, extractLinks } from "./dev-outbox";

describe("dev outbox links", () => {
  it("shows a button's text without the raw character references React Email writes", () => {
    const html = '<a href="http://localhost:3000/api/auth/callback/resend?token=a&amp;email=b" style="x"><span>&#8202;&#8202;Sign in to Lumen&#8202;</span><span>&#x2026;</span></a>';
    expect(extractLinks(html)).toEqual([{ href: "http://localhost:3000/api/auth/callback/resend?token=a&email=b", text: "Sign in to Lumen …" }]);
  });

  it("decodes named and numeric references and leaves unknown ones as written", () => {
    expect(decodeHtmlEntities("Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;x&#39; &copy; &#0;")).toBe(`Tom & Jerry <3 "hi" 'x' &copy; &#0;`);
  });
});
