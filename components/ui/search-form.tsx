import { SEARCH_MAX_LENGTH } from "@/lib/zod/schemas/search";
import { Button, ButtonLink } from "./button";
import { TextField } from "./field";

/**
 * A list's search box (`?q=`). A plain GET form: works without script, and the URL of a search
 * can be shared. `children` are sent with it (a filter, or hidden fields naming the view).
 */
export function SearchForm({
  action,
  name,
  label,
  search,
  clearHref,
  children,
}: {
  action: string;
  /** The search landmark's name. */
  name: string;
  /** The search box's label: what it finds. */
  label: string;
  search: string;
  /** The list without the search; a "Show all" link while there is one. */
  clearHref: string;
  children?: React.ReactNode;
}) {
  return (
    <form role="search" aria-label={name} action={action} className="mb-6 flex max-w-2xl flex-wrap items-end gap-2">
      <TextField name="q" label={label} type="search" defaultValue={search} maxLength={SEARCH_MAX_LENGTH} className="min-w-0 flex-1" />
      {children}
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {search ? (
        <ButtonLink href={clearHref} variant="ghost">
          Show all
        </ButtonLink>
      ) : null}
    </form>
  );
}
