import { ShowOnceField } from "@/components/ui/show-once-field";

/** An invitation link just created, shown this once. */
export function NewInvitationLink({ url }: { url: string }) {
  return (
    <ShowOnceField
      id="new-invitation-link"
      label="Invitation link"
      value={url}
      copyLabel="Copy link"
      hint="Send it to the person you invite (no e-mail is sent by Marquee). It is not stored and cannot be shown again."
    />
  );
}
