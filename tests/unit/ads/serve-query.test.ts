import { describe, expect, it } from "vitest";
import { serveQuerySchema } from "@/lib/ads/serve-query";

const parse = (query: Record<string, string>) => serveQuerySchema.safeParse(query);

describe("serveQuerySchema", () => {
  it("takes the placement alone: slot 0, no keywords, no width", () => {
    expect(parse({ placement: "demo-placement-sidebar" })).toEqual({ success: true, data: { placement: "demo-placement-sidebar", keywords: [], slot: 0 } });
  });

  it("takes the width the page gives the slot, in whole CSS pixels", () => {
    expect(parse({ placement: "p", width: "358" })).toMatchObject({ success: true, data: { width: 358 } });
    expect(parse({ placement: "p", width: "0" })).toMatchObject({ success: true, data: { width: 0 } });
  });

  // An empty value is refused too: read as 0 it would hide every ad.
  it.each(["wide", "-1", "1.5", "1e3", " 300", "100001", ""])("refuses the width %j with a message a person understands", (width) => {
    const result = parse({ placement: "p", width });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("width must be a whole number of pixels from 0 to 100000");
  });
});
