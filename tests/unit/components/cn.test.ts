// cn (components/ui/cn.ts): a caller's class overrides a component's own for the same property,
// whatever order Tailwind's stylesheet gives the two utilities — the overrides the components
// make (a table cell that wraps, a small button, a muted cell) and the empty ones they skip.
import { describe, expect, it } from "vitest";
import { cn } from "@/components/ui/cn";

describe("cn", () => {
  it.each([
    ["a cell that wraps its text", "whitespace-nowrap px-4 py-3 text-slate-800", "max-w-64 whitespace-normal", "px-4 py-3 text-slate-800 max-w-64 whitespace-normal"],
    ["a muted cell", "whitespace-nowrap px-4 py-3 text-slate-800", "text-xs text-slate-600", "whitespace-nowrap px-4 py-3 text-xs text-slate-600"],
    ["a small button", "rounded-md px-3.5 py-2 text-sm font-medium", "px-2.5 py-1 text-xs", "rounded-md font-medium px-2.5 py-1 text-xs"],
    ["a right-aligned header", "px-4 py-2.5 text-left text-xs font-semibold", "text-right", "px-4 py-2.5 text-xs font-semibold text-right"],
    ["a card with less padding", "rounded-lg border p-5 shadow-sm", "flex flex-col gap-3 p-4", "rounded-lg border shadow-sm flex flex-col gap-3 p-4"],
  ])("lets the later class win: %s", (_what, base, override, expected) => {
    expect(cn(base, override)).toBe(expected);
  });

  it("keeps classes that set different properties, responsive variants apart", () => {
    expect(cn("flex flex-wrap items-center gap-1.5", "md:flex-nowrap md:justify-end")).toBe("flex flex-wrap items-center gap-1.5 md:flex-nowrap md:justify-end");
  });

  it("skips empty, false, null and undefined", () => {
    expect(cn("px-4", "", false, null, undefined, "py-2")).toBe("px-4 py-2");
  });
});
