import { cn } from "./cn";

export function Table({ caption, className, tableClassName, children }: { caption?: string; className?: string; tableClassName?: string; children: React.ReactNode }) {
  // The wrapper scrolls (sideways on a phone, or down when capped in height): a keyboard
  // reaches it to scroll it, and a screen reader hears which table the region holds. It is
  // positioned so that it contains the table's absolutely positioned text for screen readers
  // (sr-only): placed by the page otherwise, a last column's sr-only header made the whole
  // page scroll sideways on a phone (members 523 px wide in a 390 px window; /admin 793).
  return (
    <div
      tabIndex={0}
      role={caption ? "region" : undefined}
      aria-label={caption}
      className={cn("relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm", className)}
    >
      <table className={cn("min-w-full divide-y divide-slate-200 text-sm", tableClassName)}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("bg-slate-50 px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600", className)} {...props} />;
}

export function Td({ className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("whitespace-nowrap px-4 py-3 text-slate-800", className)} {...props} />;
}
