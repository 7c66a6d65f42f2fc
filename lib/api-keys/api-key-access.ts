import type { ApiKeyAccess, MemberRole, OrganizationKind } from "@/lib/generated/prisma/enums";
import { API_KEY_ACCESS_PERMISSIONS, can, KIND_PERMISSIONS } from "@/lib/model/permissions";
import type { ApiKeyActor } from "./api-key-actor";

// What a member may give a key, and whose keys they see and revoke, all read from the
// permission table (lib/model/permissions.ts): no role is named here.

/** What READ_WRITE adds to READ. */
const WRITE_PERMISSIONS = API_KEY_ACCESS_PERMISSIONS.READ_WRITE.filter((permission) => !API_KEY_ACCESS_PERMISSIONS.READ.includes(permission));

/**
 * The accesses a member with `role` may give a new key in an organisation of `kind`: READ_WRITE
 * only when the role may write something the key could then write (a key never does more than
 * its creator's role allows, at creation as on every request).
 */
export function grantableApiKeyAccess(role: MemberRole, kind: OrganizationKind): ApiKeyAccess[] {
  const writes = WRITE_PERMISSIONS.some((permission) => KIND_PERMISSIONS[kind].includes(permission) && can(role, permission));
  return writes ? ["READ", "READ_WRITE"] : ["READ"];
}

/** Whether the actor sees every key of the organisation (else only their own). */
export function seesEveryApiKey(actor: Pick<ApiKeyActor, "role">): boolean {
  return can(actor.role, "api_keys:manage");
}

/** Whether the actor may revoke a key created by `createdById` (null: its creator's account is gone). */
export function mayRevokeApiKey(actor: Pick<ApiKeyActor, "role" | "userId">, createdById: string | null): boolean {
  if (can(actor.role, "api_keys:manage")) return true;
  return createdById === actor.userId && can(actor.role, "api_keys:create");
}
