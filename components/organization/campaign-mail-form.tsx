import { SubmitButton } from "@/components/ui/submit-button";
import { setCampaignMailAction } from "@/lib/organizations/actions";

/** A member's own "Mail about campaigns" (a form without JavaScript; the page's notice says what happened). */
export function CampaignMailForm({ on }: { on: boolean }) {
  const options = [
    { value: "on", label: "On", detail: "Mail me when a creative is rejected in review or a campaign has spent its total budget." },
    { value: "off", label: "Off", detail: "No such mail; the overview still lists the campaigns that need attention." },
  ] as const;
  return (
    <form action={setCampaignMailAction} className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-medium text-slate-800">Mail about campaigns</legend>
        {options.map((option) => (
          <label key={option.value} className="flex items-start gap-2 text-sm text-slate-700">
            <input type="radio" name="campaignMail" value={option.value} defaultChecked={on === (option.value === "on")} className="mt-0.5 h-4 w-4 border-slate-300" />
            <span>
              <span className="font-medium text-slate-900">{option.label}</span>
              <span className="block text-slate-600">{option.detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <SubmitButton pendingLabel="Saving…" className="self-start">
        Save
      </SubmitButton>
    </form>
  );
}
