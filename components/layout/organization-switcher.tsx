import { SubmitButton } from "@/components/ui/submit-button";
import type { MemberRole, OrganizationKind } from "@/lib/model/enums";
import { switchOrganizationAction } from "@/lib/members/actions";
import { ROLE_LABELS } from "@/lib/model/permissions";

const kindLabels: Record<OrganizationKind, string> = { ADVERTISER: "Advertiser", PUBLISHER: "Publisher" };

export interface SwitchableOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  role: MemberRole;
}

/**
 * For a user in several organisations: which one they work in, with each one's kind and their
 * role there. A plain form (works without JavaScript); the server checks the membership.
 */
export function OrganizationSwitcher({ organizations, activeId }: { organizations: SwitchableOrganization[]; activeId: string }) {
  return (
    <form key={activeId} action={switchOrganizationAction} className="flex items-center gap-2">
      <label htmlFor="organization-switcher" className="sr-only">
        Organisation
      </label>
      <select id="organization-switcher" name="organizationId" defaultValue={activeId} className="max-w-56 rounded-md border border-slate-300 px-2 py-1 text-sm">
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name} · {kindLabels[organization.kind]} · {ROLE_LABELS[organization.role]}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" className="px-2.5 py-1 text-xs" pendingLabel="Switching…">
        Switch
      </SubmitButton>
    </form>
  );
}
