// The access matrix (src/domain/access-matrix.ts) is complete — every page, route handler and server action
// of the app is in it — and the server actions obey it for every role, anonymous included, on a convention
// of each organisation. Pages and routes are walked over HTTP in tests/e2e/access-matrix.spec.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { actionHarness } from "../../tests/support/action-harness";
import { ACTION_ACCESS, PAGE_ACCESS, ROUTE_ACCESS } from "@/domain/access-matrix";
import { can, canManageOrganisation, colleagueInvitationProblem, PARTY_ROLES, PERMISSIONS, type Actor, type ConventionParties } from "@/domain/permissions";
import {
  allowedByTable,
  allowedGloballyByTable,
  organisationManageableByTable,
  colleagueInvitableByTable,
  TABLE_CONVENTION_ACTIONS,
  TABLE_GLOBAL_ACTIONS,
  TABLE_RELATIONS,
  TABLE_ROLES,
  type Relation,
  type TableConventionAction,
} from "../../tests/support/permission-table";
import { ERRORS } from "./errors";

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../tests/support/mocks/next-cache"));

const APP = "src/app";
const ACTIONS = "src/server/actions";

function appPaths(file: "page.tsx" | "route.ts"): string[] {
  return (readdirSync(APP, { recursive: true }) as string[])
    .filter((p) => p.endsWith(file))
    .map((p) => "/" + relative(".", join(p, "..")).replace(/\\/g, "/"))
    .map((p) => (p === "/." ? "/" : p))
    .sort();
}

function actionModules(): string[] {
  return readdirSync(ACTIONS)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .filter((f) => readFileSync(join(ACTIONS, f), "utf8").trimStart().startsWith('"use server"'));
}

describe("the access matrix is complete", () => {
  it("names every page and every route handler, and nothing else", () => {
    expect(appPaths("page.tsx")).toEqual(Object.keys(PAGE_ACCESS).sort());
    expect(appPaths("route.ts")).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  it("names every server action, and nothing else", () => {
    // Read from the sources: a "use server" module may only export async functions, each one an action.
    const exported = actionModules().flatMap((file) => [...readFileSync(join(ACTIONS, file), "utf8").matchAll(/^export async function (\w+)/gm)].map((m) => m[1]!));
    expect(exported.sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
  });
});

/** How an actor's organisation stands in a convention. */
function relationOf(actor: Actor, parties: ConventionParties): Relation {
  return PARTY_ROLES.find((role) => parties[role] === actor.organisationId) ?? "NONE";
}

describe("the permissions are the reviewed table (tests/support/permission-table.ts), cell by cell", () => {
  const parties: ConventionParties = { DELEGANT: "org-delegant", PARTENAIRE: "org-partenaire", DELEGATAIRE: "org-delegataire" };
  const organisation: Record<Relation, string> = { DELEGANT: "org-delegant", PARTENAIRE: "org-partenaire", DELEGATAIRE: "org-delegataire", NONE: "org-other" };

  it("names every action of src/domain/permissions.ts, and nothing else", () => {
    expect([...TABLE_CONVENTION_ACTIONS, ...TABLE_GLOBAL_ACTIONS].sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it("gives can() the table's answer for every role, relation and action", () => {
    const differences: string[] = [];
    for (const role of TABLE_ROLES) {
      for (const action of TABLE_GLOBAL_ACTIONS) {
        const actor: Actor = { userId: "u", organisationId: "org-other", role };
        if (can(actor, action) !== allowedGloballyByTable(action, role)) differences.push(`${action} × ${role}`);
      }
      for (const relation of TABLE_RELATIONS) {
        const actor: Actor = { userId: "u", organisationId: organisation[relation], role };
        for (const action of TABLE_CONVENTION_ACTIONS) {
          if (can(actor, action, parties) !== allowedByTable(action, role, relation)) differences.push(`${action} × ${role} × ${relation}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it("gives canManageOrganisation the table's answer for every role, kind of the user's organisation and kind of organisation", () => {
    const differences = TABLE_ROLES.flatMap((role) =>
      PARTY_ROLES.flatMap((own) =>
        PARTY_ROLES.filter((kind) => canManageOrganisation({ userId: "u", organisationId: "org-other", role }, kind, own) !== organisationManageableByTable(role, kind, own)).map(
          (kind) => `${role} of a ${own} × ${kind}`,
        ),
      ),
    );
    expect(differences).toEqual([]);
    expect(canManageOrganisation(null, "PARTENAIRE", "DELEGANT")).toBe(false);
  });

  it("gives colleagueInvitationProblem the table's answer for every role, party its organisation leads and role invited", () => {
    const differences = TABLE_ROLES.flatMap((role) =>
      TABLE_RELATIONS.flatMap((relation) =>
        TABLE_ROLES.filter((invited) => {
          const parties = relation === "NONE" ? [] : [relation];
          return (colleagueInvitationProblem({ userId: "u", organisationId: "org", role }, invited, parties) === null) !== colleagueInvitableByTable(role, relation, invited);
        }).map((invited) => `${role} of a ${relation} inviting ${invited}`),
      ),
    );
    expect(differences).toEqual([]);
    expect(colleagueInvitationProblem(null, "INTRAPRENEUR", ["PARTENAIRE"])).toBe("NOT_A_PARTY_LEAD");
  });
});

describe("server actions obey the matrix for every role", () => {
  const h = actionHarness();
  const actors: { label: string; actor: Actor | null }[] = [{ label: "anonyme", actor: null }];
  const conventions: { reference: string; id: string; parties: ConventionParties }[] = [];
  const actions: Record<string, (previous: unknown, formData: FormData) => Promise<{ ok: boolean; message?: string }>> = {};

  beforeAll(async () => {
    for (const u of await h.prisma.user.findMany({ orderBy: { email: "asc" } })) {
      actors.push({ label: `${u.email} (${u.role})`, actor: { userId: u.id, organisationId: u.organisationId, role: u.role } });
    }
    for (const c of await h.prisma.convention.findMany({ include: { parties: true } })) {
      conventions.push({ reference: c.reference, id: c.id, parties: Object.fromEntries(c.parties.map((p) => [p.role, p.organisationId])) as ConventionParties });
    }
    // Every module of convention actions (the sign-in actions are public and need Next's runtime).
    const modules = [
      await import("./actions/convention-life"),
      await import("./actions/expenditures"),
      await import("./actions/final-report"),
      await import("./actions/notices"),
      await import("./actions/steering"),
      await import("./actions/obligations"),
      await import("./actions/organisations"),
      await import("./actions/accounts"),
      await import("./actions/conventions"),
    ];
    for (const module of modules) Object.assign(actions, module);
  });

  it("refuses with 'connectez-vous' or 'Accès refusé' exactly where the matrix says, and lets the others reach validation", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const [name, access] of Object.entries(ACTION_ACCESS)) {
      if (access.kind !== "convention") continue;
      expect(actions[name], `${name} is not imported by this test`).toBeTypeOf("function");
      for (const { label, actor } of actors) {
        for (const convention of conventions) {
          h.signInAs(actor && { id: actor.userId });
          const before = await h.prisma.auditEntry.count();
          const form = new FormData();
          form.set("conventionId", convention.id);
          const result = await actions[name]!(null, form);
          checked += 1;
          // The reviewed table, not can(): a permission changed in the code alone must fail here.
          const allowed = actor !== null && allowedByTable(access.action as TableConventionAction, actor.role, relationOf(actor, convention.parties));
          const expected = actor === null ? ERRORS.UNAUTHENTICATED : allowed ? null : ERRORS.FORBIDDEN;
          const refusedAsExpected = expected === null ? result.message !== ERRORS.FORBIDDEN && result.message !== ERRORS.UNAUTHENTICATED : result.message === expected;
          if (result.ok || !refusedAsExpected) mismatches.push(`${name} × ${label} × ${convention.reference}: ${JSON.stringify(result)}`);
          if ((await h.prisma.auditEntry.count()) !== before) mismatches.push(`${name} × ${label} × ${convention.reference}: wrote to the record`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it("refuses the actions not tied to a convention exactly where the table says, writing nothing", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const [name, access] of Object.entries(ACTION_ACCESS)) {
      if (access.kind !== "global") continue;
      expect(actions[name], `${name} is not imported by this test`).toBeTypeOf("function");
      for (const { label, actor } of actors) {
        h.signInAs(actor && { id: actor.userId });
        const before = await Promise.all([h.prisma.auditEntry.count(), h.prisma.organisation.count(), h.prisma.user.count(), h.prisma.invitation.count()]);
        const result = await actions[name]!(null, new FormData());
        checked += 1;
        const allowed = actor !== null && allowedGloballyByTable(access.action, actor.role);
        const expected = actor === null ? ERRORS.UNAUTHENTICATED : allowed ? null : ERRORS.FORBIDDEN;
        const refusedAsExpected = expected === null ? result.message !== ERRORS.FORBIDDEN && result.message !== ERRORS.UNAUTHENTICATED : result.message === expected;
        if (result.ok || !refusedAsExpected) mismatches.push(`${name} × ${label}: ${JSON.stringify(result)}`);
        const after = await Promise.all([h.prisma.auditEntry.count(), h.prisma.organisation.count(), h.prisma.user.count(), h.prisma.invitation.count()]);
        if (JSON.stringify(after) !== JSON.stringify(before)) mismatches.push(`${name} × ${label}: wrote to the record`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(6 * 7);
  });
});
