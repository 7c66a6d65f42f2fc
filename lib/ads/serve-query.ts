import { z } from "zod";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const WIDTH_MESSAGE = "width must be a whole number of pixels from 0 to 100000";

/** The query of GET /api/serve, parsed once at the edge. */
export const serveQuerySchema = z.object({
  placement: z
    .string({ error: "placement is required (the id of a placement)" })
    .regex(ID, "placement must be a placement id (letters, digits, - and _)"),
  keywords: z
    .string()
    .max(1_000, "keywords is too long")
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((keyword) => keyword.trim().toLowerCase())
        .filter((keyword) => keyword.length > 0 && keyword.length <= 64)
        .slice(0, 20),
    ),
  url: z.string().max(2_048, "url is too long").optional(),
  /** Which slot of this placement on the page (the snippet numbers repeated placements from 0). */
  slot: z.coerce
    .number({ error: "slot must be a whole number from 0 to 9" })
    .int("slot must be a whole number from 0 to 9")
    .min(0, "slot must be a whole number from 0 to 9")
    .max(9, "slot must be a whole number from 0 to 9")
    .default(0),
  /**
   * The width in CSS pixels the page gives the slot (the snippet measures it): a placement
   * wider than that gets no ad, rather than one that makes the page scroll sideways.
   */
  width: z
    .string()
    .regex(/^\d{1,6}$/, WIDTH_MESSAGE)
    .transform(Number)
    .refine((width) => width <= 100_000, WIDTH_MESSAGE)
    .optional(),
});

export type ServeQuery = z.infer<typeof serveQuerySchema>;
