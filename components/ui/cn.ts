import { twMerge } from "tailwind-merge";

/**
 * Joins class names, skipping empty ones; where two set the same property (a component's
 * `px-3.5` and a caller's `px-2.5`), the later one wins. Tailwind's stylesheet orders its
 * utilities by itself, not by the class attribute, so without the merge a caller's override
 * lost to the base whenever its utility came first in the stylesheet.
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return twMerge(...classes);
}
