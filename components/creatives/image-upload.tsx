"use client";

import { useEffect, useRef, useState } from "react";
import { FieldErrors } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { ACCEPTED_IMAGE_TYPES, checkImage, formatWeight } from "@/lib/assets/image-rules";

/** The image the advertiser chose, shown in the form's preview before it is uploaded. */
export interface ChosenImage {
  url: string;
  name: string;
}

const FIELD = "imageFile";

/**
 * Next's limit on a server action's body (1 MB), less room for the other fields: a bigger file
 * would never reach the checks, and the post would fail as a whole. It is held back here.
 */
const POSTABLE_BYTES = 1_000_000;

/**
 * An image creative's upload: a plain file input (it posts with the form, also without
 * JavaScript) inside a zone that takes a dropped file too. With JavaScript the file is checked
 * at once by the server's own rules (lib/assets/image-rules.ts) for instant word; the server
 * checks it again on submit, and only its answer counts.
 */
export function ImageUpload({
  size,
  maxBytes,
  errors,
  onChosen,
}: {
  size: { width: number; height: number } | null;
  maxBytes: number;
  errors?: string[];
  onChosen: (image: ChosenImage | null) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  // null: nothing chosen since the last answer, so the server's errors show.
  const [problem, setProblem] = useState<string | null | undefined>(undefined);

  // Re-checked when the size changes: a 728×90 file becomes right or wrong with it.
  useEffect(() => {
    if (!file) return;
    let current = true;
    void file.arrayBuffer().then((buffer) => {
      if (!current) return;
      const check = size ? checkImage(new Uint8Array(buffer), size, maxBytes) : null;
      setProblem(check && !check.ok ? check.message : null);
    });
    return () => {
      current = false;
    };
  }, [file, size, maxBytes]);

  useEffect(() => {
    if (!file) return onChosen(null);
    const url = URL.createObjectURL(file);
    onChosen({ url, name: file.name });
    return () => URL.revokeObjectURL(url);
  }, [file, onChosen]);

  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form || !file || file.size <= POSTABLE_BYTES) return;
    // Runs before React's own submit handling, which then starts no action.
    const holdBack = (event: SubmitEvent) => {
      event.preventDefault();
      inputRef.current?.focus();
    };
    form.addEventListener("submit", holdBack);
    return () => form.removeEventListener("submit", holdBack);
  }, [file]);

  const choose = (files: FileList | null) => setFile(files?.[0] ?? null);
  const shown = problem === undefined ? errors : problem ? [problem] : undefined;
  const hint = `PNG, JPEG, GIF or WebP, at most ${formatWeight(maxBytes)}${size ? `, ${size.width}×${size.height} px or ${size.width * 2}×${size.height * 2} px (retina)` : ""}. It replaces the image URL.`;

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={FIELD} className="text-sm font-medium text-slate-800">
        Upload an image
      </label>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const input = inputRef.current;
          if (!input || event.dataTransfer.files.length === 0) return;
          // The dropped file goes into the input, so it posts with the form like a chosen one.
          input.files = event.dataTransfer.files;
          choose(input.files);
        }}
        data-testid="image-drop-zone"
        className={cn(
          "flex flex-col gap-2 rounded-md border-2 border-dashed p-4 text-sm text-slate-600",
          dragging ? "border-brand-500 bg-brand-50" : shown?.length ? "border-red-500" : "border-slate-300",
        )}
      >
        <span aria-hidden="true">Drop an image here, or choose a file:</span>
        <input
          ref={inputRef}
          id={FIELD}
          name={FIELD}
          type="file"
          accept={ACCEPTED_IMAGE_TYPES.join(",")}
          aria-invalid={shown?.length ? true : undefined}
          aria-describedby={[shown?.length ? `${FIELD}-error` : null, `${FIELD}-hint`].filter(Boolean).join(" ")}
          onChange={(event) => choose(event.target.files)}
          className="max-w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
        />
        {file ? (
          <span className="text-xs text-slate-500">
            {file.name}, {formatWeight(file.size)}
          </span>
        ) : null}
      </div>
      <p id={`${FIELD}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      <FieldErrors name={FIELD} errors={shown} />
    </div>
  );
}

/** The chosen file at the creative's real size, framed as the saved creative's preview is. */
export function ChosenImagePreview({ image, width, height, alt }: { image: ChosenImage; width: number; height: number; alt: string }) {
  return (
    <figure className="flex flex-col gap-2">
      <div className="max-w-full overflow-auto rounded-md bg-[repeating-conic-gradient(#f1f5f9_0_25%,#fff_0_50%)] bg-[length:16px_16px] p-3 ring-1 ring-slate-200">
        <div style={{ width, height }}>
          {/* A plain <img> of the browser's own copy (a blob: URL), shown as the snippet will show the upload. */}
          <img src={image.url} alt={alt} width={width} height={height} style={{ width, height, display: "block", objectFit: "cover" }} />
        </div>
      </div>
      <figcaption className="text-xs text-slate-500">
        {image.name}, at its actual size: {width}×{height} pixels. It is uploaded when you save.
      </figcaption>
    </figure>
  );
}
