import type { ApiKeyAccess, MemberRole, OrganizationKind } from "./enums";

// What each member of an organisation may do, written once. Every server action names the
// permission it needs (lib/auth/server-action.ts access.organization), every API route too
// (lib/api/with-api-key.ts), and every page that changes something hides what the viewer's
// role cannot do (can()). An API key may do what its creator's role allows today, narrowed
// by the key's own access (read or read-write) — never more.

export const PERMISSIONS = {
  "reports:read": "Read reports and the overview",
  "campaigns:read": "See campaigns and creatives",
  "campaigns:write": "Create, edit, pause, resume and archive campaigns and creatives",
  "inventory:read": "See sites and placements",
  "inventory:write": "Create, edit and archive sites and placements",
  "api_keys:create": "Create API keys of one's own and revoke them",
  "api_keys:manage": "See and revoke every API key of the organisation",
  "members:manage": "Invite members, change their roles and remove them",
  "audit:read": "Read the organisation's audit log",
  "organization:manage": "Change the organisation's settings (require two-factor authentication)",
  "organization:time_zone": "Change the organisation's time zone",
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** The permissions of each role. A VIEWER reads reports and nothing else. */
export const ROLE_PERMISSIONS: Record<MemberRole, readonly Permission[]> = {
  VIEWER: ["reports:read"],
  MEMBER: ["reports:read", "campaigns:read", "campaigns:write", "inventory:read", "inventory:write", "api_keys:create"],
  ADMIN: [
    "reports:read",
    "campaigns:read",
    "campaigns:write",
    "inventory:read",
    "inventory:write",
    "api_keys:create",
    "api_keys:manage",
    "members:manage",
    "audit:read",
    "organization:time_zone",
  ],
  OWNER: [
    "reports:read",
    "campaigns:read",
    "campaigns:write",
    "inventory:read",
    "inventory:write",
    "api_keys:create",
    "api_keys:manage",
    "members:manage",
    "audit:read",
    "organization:manage",
    "organization:time_zone",
  ],
};

/** How roles are named to people, most powerful first. */
export const ROLE_LABELS: Record<MemberRole, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", VIEWER: "Read-only" };

export const ROLE_DESCRIPTIONS: Record<MemberRole, string> = {
  OWNER: "Everything, including the organisation's settings and other owners.",
  ADMIN: "Everything but the organisation's security settings; manages members (not owners), every API key and the time zone.",
  MEMBER: "Works on campaigns or inventory, reads reports, has API keys of their own.",
  VIEWER: "Reads reports; changes nothing.",
};

/** Rank of the roles, for "may this member manage that one" (never someone above them). */
export const ROLE_RANK: Record<MemberRole, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export function can(role: MemberRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** What a member whose role lacks `permission` is told (the actions' refusal and the domain's). */
export function permissionRefusalMessage(role: MemberRole, permission: Permission): string {
  return `Your role (${ROLE_LABELS[role]}) does not allow this: ${PERMISSIONS[permission].toLowerCase()}. Ask an owner or an admin of the organisation.`;
}

/** The roles a member with `role` may give or take away: their own rank and below, and OWNER only by owners. */
export function assignableRoles(role: MemberRole): MemberRole[] {
  if (!can(role, "members:manage")) return [];
  return (Object.keys(ROLE_RANK) as MemberRole[]).filter((other) => ROLE_RANK[other] <= ROLE_RANK[role] && (other !== "OWNER" || role === "OWNER"));
}

/** The permissions an API key's access allows at most (within its creator's role). */
export const API_KEY_ACCESS_PERMISSIONS: Record<ApiKeyAccess, readonly Permission[]> = {
  READ: ["reports:read", "campaigns:read", "inventory:read", "audit:read"],
  READ_WRITE: ["reports:read", "campaigns:read", "campaigns:write", "inventory:read", "inventory:write", "audit:read"],
};

export const API_KEY_ACCESS_LABELS: Record<ApiKeyAccess, string> = { READ: "Read only", READ_WRITE: "Read and write" };

/** What a key may do now: its access, within its creator's current role. */
export function apiKeyCan(access: ApiKeyAccess, creatorRole: MemberRole, permission: Permission): boolean {
  return API_KEY_ACCESS_PERMISSIONS[access].includes(permission) && can(creatorRole, permission);
}

/** The permissions that make sense for each kind of organisation (the other kind's resources are refused). */
export const KIND_PERMISSIONS: Record<OrganizationKind, readonly Permission[]> = {
  ADVERTISER: ["reports:read", "campaigns:read", "campaigns:write", "api_keys:create", "api_keys:manage", "members:manage", "audit:read", "organization:manage", "organization:time_zone"],
  PUBLISHER: ["reports:read", "inventory:read", "inventory:write", "api_keys:create", "api_keys:manage", "members:manage", "audit:read", "organization:manage", "organization:time_zone"],
};
