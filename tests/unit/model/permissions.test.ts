// The permission table as a specification: for every permission and every role, whether the
// role has it, written out here by hand (not derived from lib/model/permissions.ts), so that a
// change to the table is a change to this test too. Then who may give which role.
import { describe, expect, it } from "vitest";
import type { MemberRole } from "@/lib/model/enums";
import { assignableRoles, can, PERMISSIONS, permissionRefusalMessage, ROLE_PERMISSIONS, type Permission } from "@/lib/model/permissions";

const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const satisfies readonly MemberRole[];

//                                     OWNER  ADMIN  MEMBER VIEWER
const TABLE: Record<Permission, readonly [boolean, boolean, boolean, boolean]> = {
  "reports:read": /*            */ [true, true, true, true],
  "campaigns:read": /*          */ [true, true, true, false],
  "campaigns:write": /*         */ [true, true, true, false],
  "inventory:read": /*          */ [true, true, true, false],
  "inventory:write": /*         */ [true, true, true, false],
  "api_keys:create": /*         */ [true, true, true, false],
  "api_keys:manage": /*         */ [true, true, false, false],
  "members:manage": /*          */ [true, true, false, false],
  "audit:read": /*              */ [true, true, false, false],
  "organization:manage": /*     */ [true, false, false, false],
  "organization:time_zone": /*  */ [true, true, false, false],
};

describe("the permission table", () => {
  it("covers every permission, and every role's list holds only permissions", () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(PERMISSIONS).sort());
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) for (const permission of ROLE_PERMISSIONS[role]) expect(Object.keys(PERMISSIONS)).toContain(permission);
  });

  describe.each(Object.keys(TABLE) as Permission[])("%s", (permission) => {
    it.each(ROLES.map((role, index) => [role, TABLE[permission][index]] as const))("%s: %s", (role, allowed) => {
      expect(can(role, permission)).toBe(allowed);
    });
  });

  it("tells a refused member their role and what they tried, in words", () => {
    expect(permissionRefusalMessage("VIEWER", "campaigns:write")).toBe(
      "Your role (Read-only) does not allow this: create, edit, pause, resume and archive campaigns and creatives. Ask an owner or an admin of the organisation.",
    );
  });
});

describe("assignableRoles", () => {
  it("lets an owner give and take every role, owners included", () => {
    expect([...assignableRoles("OWNER")].sort()).toEqual(["ADMIN", "MEMBER", "OWNER", "VIEWER"]);
  });

  it("lets an admin give admin, member and read-only, never owner", () => {
    expect([...assignableRoles("ADMIN")].sort()).toEqual(["ADMIN", "MEMBER", "VIEWER"]);
  });

  it("lets members and read-only members give nothing", () => {
    expect(assignableRoles("MEMBER")).toEqual([]);
    expect(assignableRoles("VIEWER")).toEqual([]);
  });
});
