import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/reports/csv";

describe("csvField", () => {
  it("leaves plain fields alone", () => {
    expect(csvField("Spring trail shoes")).toBe("Spring trail shoes");
    expect(csvField("1234.50")).toBe("1234.50");
    expect(csvField("")).toBe("");
  });

  it("quotes fields with a comma, a quote, CR or LF, doubling quotes", () => {
    expect(csvField("Shoes, boots")).toBe('"Shoes, boots"');
    expect(csvField('The "best" tent')).toBe('"The ""best"" tent"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });

  it("defuses text that a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(\"http://evil.example\")")).toBe("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-20% sale")).toBe("'-20% sale");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});

describe("toCsv", () => {
  it("ends every record, the last one too, with CRLF", () => {
    expect(toCsv([["Date", "Impressions"], ["2026-03-29", "12"]])).toBe("Date,Impressions\r\n2026-03-29,12\r\n");
  });

  it("writes a header alone for no rows", () => {
    expect(toCsv([["Date"]])).toBe("Date\r\n");
  });
});
