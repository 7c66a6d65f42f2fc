// The create-key form: name, access (a radio) and expiry (a radio, and a date for "on a date").
import { describe, expect, it } from "vitest";
import { createApiKeySchema } from "@/lib/zod/schemas/api-keys";

const form = (fields: Record<string, string>) => createApiKeySchema.safeParse({ name: "Nightly export", access: "READ", expiresIn: "never", expiresOn: "", ...fields });
const errorsOf = (fields: Record<string, string>) => {
  const result = form(fields);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("createApiKeySchema", () => {
  it("reads never, days and a date", () => {
    expect(form({}).data).toEqual({ name: "Nightly export", access: "READ", expiry: { kind: "never" } });
    expect(form({ access: "READ_WRITE", expiresIn: "90" }).data).toEqual({ name: "Nightly export", access: "READ_WRITE", expiry: { kind: "days", days: 90 } });
    expect(form({ expiresIn: "date", expiresOn: "2027-06-30" }).data?.expiry).toEqual({ kind: "date", date: "2027-06-30" });
  });

  it("ignores a date left in the field when another expiry is chosen", () => {
    expect(form({ expiresIn: "30", expiresOn: "garbage" }).data?.expiry).toEqual({ kind: "days", days: 30 });
  });

  it.each([
    [{ access: "" }, "access", "Choose what the key may do: read only, or read and write."],
    [{ access: "ADMIN" }, "access", "Choose what the key may do: read only, or read and write."],
    [{ expiresIn: "7" }, "expiresIn", "Choose when the key expires: never, in 30, 90 or 365 days, or on a date."],
    [{ expiresIn: "date", expiresOn: "" }, "expiresOn", "Enter the date the key expires, as YYYY-MM-DD."],
    [{ expiresIn: "date", expiresOn: "2027-02-30" }, "expiresOn", "Enter the date the key expires, as YYYY-MM-DD."],
    [{ name: " " }, "name", "Name the key, e.g. after the script or service that uses it."],
  ])("refuses %o with a message on %s", (fields, field, message) => {
    expect(errorsOf(fields)).toEqual({ [field]: message });
  });
});
