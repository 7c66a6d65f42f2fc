import { z } from "zod";
import { assetId, assetPath } from "@/lib/assets/asset-name";
import { assetMaxBytes } from "@/lib/assets/choose-asset-store";
import { checkImage, type CheckedImage } from "@/lib/assets/image-rules";
import type { CreativeInput } from "@/lib/model/creative";
import { IAB_SIZES, sizeOf, type IabSize } from "@/lib/model/options";
import { creativeSchema } from "@/lib/zod/schemas/creatives";

// An image creative's picture can be uploaded instead of linked: the form's file field
// "imageFile" (drag and drop, or the plain input without JavaScript), read as bytes by the
// action (formAction's fileFields). The file is checked with the rest of the form, so every
// problem shows at once; a good one becomes the creative's imageUrl — its asset's path — and
// is stored only once the whole form is valid.

export const IMAGE_FILE_FIELD = "imageFile";

/** The creative form's input, and the uploaded image to store first (null: none, or not an image creative). */
export type CreativeUploadInput = CreativeInput & { image: CheckedImage | null };

/**
 * The creative form (creativeSchema) with an upload: for an image creative, the file must pass
 * the image rules for the chosen size (lib/assets/image-rules.ts), at most `maxBytes()`
 * (ASSET_MAX_KB), and it replaces the typed image URL. Without an upload, the form as before.
 */
export function creativeUploadSchema(maxBytes: () => number = assetMaxBytes) {
  return z.unknown().transform((raw, context): CreativeUploadInput => {
    const fields = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    const upload = fields[IMAGE_FILE_FIELD];
    let image: CheckedImage | null = null;
    let values = fields;
    if (upload instanceof Uint8Array && fields.kind === "IMAGE") {
      const size = IAB_SIZES.includes(fields.size as IabSize) ? sizeOf(fields.size as IabSize) : null;
      const check = size ? checkImage(upload, size, maxBytes()) : null;
      if (check?.ok) image = check.image;
      else if (check) context.addIssue({ code: "custom", path: [IMAGE_FILE_FIELD], message: check.message });
      // The upload stands in for the URL (checked or not: its refusal is the one to read, not "Enter the image URL").
      values = { ...fields, imageUrl: assetPath(image ? assetId(upload) : "0".repeat(64), image?.extension ?? "png") };
    }
    const parsed = creativeSchema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { ...parsed.data, image };
  });
}
