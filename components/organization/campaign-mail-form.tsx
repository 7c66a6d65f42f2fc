import { RadioGroup } from "@/components/ui/radio-group";
import { SubmitButton } from "@/components/ui/submit-button";
import { setCampaignMailAction } from "@/lib/organizations/actions";

const options = [
  { value: "on", label: "On", hint: "Mail me when a creative is rejected in review, a campaign has spent its total budget, or a campaign's flight has ended." },
  { value: "off", label: "Off", hint: "No such mail; the overview still lists the campaigns that need attention." },
] as const;

/** A member's own "Mail about campaigns" (a form without JavaScript; the page's notice says what happened). */
export function CampaignMailForm({ on }: { on: boolean }) {
  return (
    <form action={setCampaignMailAction} className="flex flex-col gap-4">
      <RadioGroup name="campaignMail" label="Mail about campaigns" options={options} defaultValue={on ? "on" : "off"} />
      <SubmitButton pendingLabel="Saving…" className="self-start">
        Save
      </SubmitButton>
    </form>
  );
}
