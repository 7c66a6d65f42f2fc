import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isRedirectError } from "next/dist/client/components/redirect-error";

// Calling server actions and page guards from a test, as a browser's form post would.

/** A form's fields as the browser posts them (a list field: one entry per value). */
export function formOf(fields: Record<string, string | string[]>): FormData {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) formData.append(name, item);
  return formData;
}

/** The URL an action or page guard redirected to (Next's redirect() throws), or a failure if it did not. */
export async function redirectOf(answer: Promise<unknown>): Promise<string> {
  const error = await answer.then(
    () => new Error("expected a redirect"),
    (thrown: unknown) => thrown,
  );
  if (!isRedirectError(error)) throw error;
  return getURLFromRedirectError(error);
}
