import { Card } from "@/components/ui/card";

/** A titled group of fields in a long form. */
export function FormSection({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <Card>
      <section aria-labelledby={id} className="flex flex-col gap-4">
        <div>
          <h2 id={id} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
        </div>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">{children}</div>
      </section>
    </Card>
  );
}
