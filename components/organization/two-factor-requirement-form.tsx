import { SubmitButton } from "@/components/ui/submit-button";
import { setTwoFactorRequirementAction } from "@/lib/organizations/actions";

/** The organisation's "require two-factor authentication" setting (a form without JavaScript; the page's notice says what happened). */
export function TwoFactorRequirementForm({ required }: { required: boolean }) {
  const options = [
    { value: "on", label: "Required", detail: "Every member must turn on two-factor authentication before working in the organisation." },
    { value: "off", label: "Not required", detail: "Each member chooses for their own account." },
  ] as const;
  return (
    <form action={setTwoFactorRequirementAction} className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-medium text-slate-800">Require two-factor authentication for all members</legend>
        {options.map((option) => (
          <label key={option.value} className="flex items-start gap-2 text-sm text-slate-700">
            <input type="radio" name="requireTwoFactor" value={option.value} defaultChecked={required === (option.value === "on")} className="mt-0.5 h-4 w-4 border-slate-300" />
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
