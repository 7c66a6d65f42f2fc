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
    expect(csvField("\t=1+1")).toBe("'\t=1+1");
    expect(csvField("\r=1+1")).toBe('"\'\r\'=1+1"');
  });

  it("defuses a formula behind leading spaces", () => {
    expect(csvField("  =1+1")).toBe("'  =1+1");
  });

  it("quotes fields with a semicolon, the delimiter of semicolon-locale spreadsheets", () => {
    expect(csvField("Shoes; boots")).toBe('"Shoes; boots"');
    expect(csvField("a;b")).toBe('"a;b"');
  });

  it.each([
    ["Shoes;=HYPERLINK(\"http://evil.example\")", "\"Shoes;'=HYPERLINK(\"\"http://evil.example\"\")\""],
    ["Shoes;+1", "\"Shoes;'+1\""],
    ["Shoes;-1", "\"Shoes;'-1\""],
    ["Shoes;@SUM(A1)", "\"Shoes;'@SUM(A1)\""],
    ["Shoes;\t=1", "\"Shoes;'\t=1\""],
    ["Shoes;\r=1", "\"Shoes;'\r'=1\""],
    ["Shoes; =1", "\"Shoes;' =1\""],
    ["=1;=2;x;@3", "\"'=1;'=2;x;'@3\""],
  ])("defuses a formula that starts a cell after a semicolon split: %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it("defuses a formula after a line break (a semicolon-locale spreadsheet starts a row there)", () => {
    expect(csvField("Shoes\n=1+1")).toBe("\"Shoes\n'=1+1\"");
    expect(csvField("Shoes\r\n@SUM(A1)")).toBe("\"Shoes\r\n'@SUM(A1)\"");
  });
});

describe("toCsv", () => {
  it("ends every record, the last one too, with CRLF", () => {
    expect(toCsv([["Date", "Impressions"], ["2026-03-29", "12"]])).toBe("Date,Impressions\r\n2026-03-29,12\r\n");
  });

  it("leaves no cell starting like a formula when a spreadsheet splits the lines at semicolons", () => {
    const names = ['x;=HYPERLINK("http://evil.example")', "a;+1;-2;@3", "b\n=cmd|' /C calc'!A0", "c; =1", '"d";=1', "\r=1", "\t\r\n@2"];
    const csv = toCsv([["Date", "Campaign"], ...names.map((name) => ["2026-03-29", name])]);
    const cells = csv.split(/[;\r\n]/);
    expect(cells.filter((cell) => /^[ ]*[=+\-@\t]/.test(cell))).toEqual([]);
  });

  it("writes a header alone for no rows", () => {
    expect(toCsv([["Date"]])).toBe("Date\r\n");
  });
});
