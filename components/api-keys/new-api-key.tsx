import { ShowOnceField } from "@/components/ui/show-once-field";

/** A key just created, shown this once. */
export function NewApiKey({ name, apiKey }: { name: string; apiKey: string }) {
  return (
    <ShowOnceField
      id="new-api-key"
      label={`New API key “${name}”`}
      value={apiKey}
      copyLabel="Copy key"
      hint={
        <>
          Store it in your secret manager now: Marquee keeps only a fingerprint and cannot show it again. Send it as{" "}
          <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
        </>
      }
    />
  );
}
