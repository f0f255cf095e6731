// The directory of organisations against the real database: through the use cases (the actor and the moment
// given) and through the server actions (session, permission, French messages). Every refusal writes nothing:
// the organisations are compared row by row (an edit changes no count), with the audit trail's size.
import { describe, expect, it, vi } from "vitest";
import { actionHarness, formData as form } from "../../../tests/support/action-harness";
import type { FailureCode } from "@/domain/failures";
import type { Actor } from "@/domain/permissions";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { createOrganisation, updateOrganisation, organisationInput, updateOrganisationInput } = await import("./organisations");
const { recordContext } = await import("./context");
const { createOrganisationAction, updateOrganisationAction } = await import("../actions/organisations");
const { ERRORS } = await import("../errors");

const h = actionHarness();
const NOW = new Date("2026-12-03T10:00:00Z");

const ADMIN = "admin@suivi-fast.example.fr";
const PILOTE = "pilote@dinum.example.fr";
const INTRAPRENEUR = "intrapreneur@drieat.example.fr";
const GESTIONNAIRE = "gestionnaire@dnum-mte.example.fr";

const fields = (values: Record<string, string> = {}) => ({
  name: "Direction départementale des territoires de Seine-et-Marne",
  acronym: "DDT 77",
  kind: "PARTENAIRE",
  siret: "130 025 265 00013",
  address: "288 rue Georges Clemenceau, 77000 Melun",
  proConnectSirets: "123 456 789 00007",
  ...values,
});

/** Runs a use case as `email` in its own transaction, at NOW. */
function as<T>(email: string, run: (ctx: ReturnType<typeof recordContext> & { actor: Actor }) => Promise<T>): Promise<T> {
  return h.prisma.$transaction((tx) => run(recordContext({ tx, actor: h.actor(email), now: NOW })));
}

async function footprint() {
  return Promise.all([h.prisma.organisation.findMany({ orderBy: { id: "asc" } }), h.prisma.auditEntry.count()]);
}

/** The use case refuses with this code (and, if given, on this field), writing nothing. */
async function expectRefused<T>(run: () => Promise<T>, code: FailureCode, field?: string) {
  const before = await footprint();
  await expect(run()).rejects.toMatchObject({ failure: { code, ...(field ? { field } : {}) } });
  expect(await footprint()).toEqual(before);
}

describe("adding an organisation", () => {
  it("records it with its kind, SIRET and ProConnect SIRETs, and audits who added what", async () => {
    const id = await as(ADMIN, (ctx) => createOrganisation(ctx, organisationInput.parse(fields())));
    const created = await h.prisma.organisation.findUniqueOrThrow({ where: { id } });
    expect(created).toMatchObject({ slug: "ddt-77", acronym: "DDT 77", kind: "PARTENAIRE", siret: "13002526500013", sirets: ["12345678900007"], createdAt: NOW });
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "organisation.create", entityId: id } });
    expect(entry).toMatchObject({ userId: h.actor(ADMIN).userId, role: "ADMIN", before: null });
    expect(entry.after).toMatchObject({ acronym: "DDT 77", kind: "PARTENAIRE", siret: "13002526500013", proConnectSirets: ["12345678900007"] });
  });

  it("refuses a SIRET already recorded for another organisation, as its own or for ProConnect", async () => {
    await expectRefused(
      () => as(ADMIN, (ctx) => createOrganisation(ctx, organisationInput.parse(fields({ acronym: "DDT 78", proConnectSirets: "" })))),
      "SIRET_TAKEN",
      "siret",
    );
    await expectRefused(
      () => as(ADMIN, (ctx) => createOrganisation(ctx, organisationInput.parse(fields({ acronym: "DDT 78", siret: "552 100 554 00021", proConnectSirets: "12345678900007" })))),
      "SIRET_TAKEN",
      "proConnectSirets",
    );
  });

  it("lets DINUM's pilot add partners and délégataires, not a délégant", async () => {
    const id = await as(PILOTE, (ctx) => createOrganisation(ctx, organisationInput.parse(fields({ acronym: "SG MI", kind: "DELEGATAIRE", siret: "552 100 554 00021", proConnectSirets: "" }))));
    expect((await h.prisma.organisation.findUniqueOrThrow({ where: { id } })).kind).toBe("DELEGATAIRE");
    await expectRefused(
      () => as(PILOTE, (ctx) => createOrganisation(ctx, organisationInput.parse(fields({ acronym: "DINUM 2", kind: "DELEGANT", siret: "356 000 000 00048", proConnectSirets: "" })))),
      "ORGANISATION_DELEGANT_FOR_ADMINISTRATORS",
    );
  });

  it("gives a second organisation of the same acronym a slug of its own", async () => {
    const id = await as(ADMIN, (ctx) => createOrganisation(ctx, organisationInput.parse(fields({ siret: "732 829 320 00074", proConnectSirets: "" }))));
    expect((await h.prisma.organisation.findUniqueOrThrow({ where: { id } })).slug).toBe("ddt-77-2");
  });
});

describe("editing an organisation", () => {
  it("records the change with what it was before and after", async () => {
    const ddt = await h.prisma.organisation.findUniqueOrThrow({ where: { slug: "ddt-77" } });
    const input = updateOrganisationInput.parse({ ...fields({ address: "Cité administrative, 77000 Melun", proConnectSirets: "12345678900007\n13002526500013" }), organisationId: ddt.id });
    await as(PILOTE, (ctx) => updateOrganisation(ctx, input));
    const after = await h.prisma.organisation.findUniqueOrThrow({ where: { id: ddt.id } });
    expect(after).toMatchObject({ address: "Cité administrative, 77000 Melun", sirets: ["12345678900007", "13002526500013"], slug: "ddt-77" });
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "organisation.update", entityId: ddt.id } });
    expect(entry.before).toMatchObject({ address: "288 rue Georges Clemenceau, 77000 Melun", proConnectSirets: ["12345678900007"] });
    expect(entry.after).toMatchObject({ address: "Cité administrative, 77000 Melun", proConnectSirets: ["12345678900007", "13002526500013"] });
    expect(entry.userId).toBe(h.actor(PILOTE).userId);
  });

  it("refuses a pilot a délégant, before or after the change, and a change that changes nothing", async () => {
    const dinum = await h.prisma.organisation.findUniqueOrThrow({ where: { slug: "dinum" } });
    const ddt = await h.prisma.organisation.findUniqueOrThrow({ where: { slug: "ddt-77" } });
    const dinumInput = updateOrganisationInput.parse({ ...fields({ acronym: "DINUM", siret: "356 000 000 00048", proConnectSirets: "" }), kind: "PARTENAIRE", organisationId: dinum.id });
    await expectRefused(() => as(PILOTE, (ctx) => updateOrganisation(ctx, dinumInput)), "ORGANISATION_DELEGANT_FOR_ADMINISTRATORS");
    const promote = updateOrganisationInput.parse({ ...fields({ address: "Cité administrative, 77000 Melun", proConnectSirets: "12345678900007\n13002526500013" }), kind: "DELEGANT", organisationId: ddt.id });
    await expectRefused(() => as(PILOTE, (ctx) => updateOrganisation(ctx, promote)), "ORGANISATION_DELEGANT_FOR_ADMINISTRATORS");
    const same = updateOrganisationInput.parse({ ...fields({ address: "Cité administrative, 77000 Melun", proConnectSirets: "12345678900007\n13002526500013" }), organisationId: ddt.id });
    await expectRefused(() => as(ADMIN, (ctx) => updateOrganisation(ctx, same)), "ORGANISATION_UNCHANGED");
  });

  it("lets an administrator edit the délégant, its SIRET checked against the others", async () => {
    const dinum = await h.prisma.organisation.findUniqueOrThrow({ where: { slug: "dinum" } });
    const taken = updateOrganisationInput.parse({ ...fields({ name: dinum.name, acronym: "DINUM", kind: "DELEGANT", address: dinum.address, proConnectSirets: "" }), organisationId: dinum.id });
    await expectRefused(() => as(ADMIN, (ctx) => updateOrganisation(ctx, taken)), "SIRET_TAKEN", "siret");
    await as(ADMIN, (ctx) => updateOrganisation(ctx, { ...taken, siret: "35600000000048" }));
    expect((await h.prisma.organisation.findUniqueOrThrow({ where: { id: dinum.id } })).siret).toBe("35600000000048");
  });
});

describe("the directory's actions", () => {
  const signIn = (email: string | null) => h.signInAs(email);

  it("refuses the partner's and the délégataire's agents, and anonymous visitors, writing nothing", async () => {
    for (const [email, message] of [[INTRAPRENEUR, ERRORS.FORBIDDEN], [GESTIONNAIRE, ERRORS.FORBIDDEN], [null, ERRORS.UNAUTHENTICATED]] as const) {
      signIn(email);
      const before = await footprint();
      expect(await createOrganisationAction(null, form(fields({ acronym: "X", siret: "443 061 841 00047", proConnectSirets: "" })))).toMatchObject({ ok: false, message });
      expect(await footprint()).toEqual(before);
    }
  });

  it("reports every bad field in French and writes nothing", async () => {
    signIn(ADMIN);
    const before = await footprint();
    const result = await createOrganisationAction(null, form({ name: "", acronym: "", kind: "AUTRE", siret: "123", address: "", proConnectSirets: "1234" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        name: "Nom : champ obligatoire.",
        acronym: "Sigle : champ obligatoire.",
        kind: "Choisissez la nature de l'organisation : délégant, administration partenaire ou délégataire.",
        siret: "SIRET invalide : 14 chiffres attendus.",
        address: "Adresse : champ obligatoire.",
        proConnectSirets: "SIRET invalide : « 1234 » (14 chiffres attendus).",
      },
    });
    const badKey = await createOrganisationAction(null, form(fields({ siret: "130 025 265 00014" })));
    expect(badKey).toMatchObject({ ok: false, fieldErrors: { siret: "SIRET invalide : la clé de contrôle ne correspond pas, vérifiez les chiffres." } });
    expect(await footprint()).toEqual(before);
  });

  it("says which field holds a SIRET of another organisation", async () => {
    signIn(ADMIN);
    const result = await createOrganisationAction(null, form(fields({ acronym: "DDT 91", siret: "443 061 841 00047", proConnectSirets: "35600000000048" })));
    expect(result).toMatchObject({ ok: false, fieldErrors: { proConnectSirets: expect.stringContaining("déjà enregistré pour DINUM") } });
  });

  it("adds and edits through the form as the permission table allows", async () => {
    signIn(PILOTE);
    const created = await createOrganisationAction(null, form(fields({ acronym: "DDT 91", siret: "443 061 841 00047", proConnectSirets: "" })));
    expect(created).toMatchObject({ ok: true, message: "L'organisation est ajoutée à l'annuaire." });
    const id = created.ok ? created.data : "";
    const edited = await updateOrganisationAction(null, form({ ...fields({ acronym: "DDT 91", siret: "443 061 841 00047", proConnectSirets: "", name: "DDT de l'Essonne" }), organisationId: id }));
    expect(edited).toMatchObject({ ok: true });
    const dinum = await h.prisma.organisation.findUniqueOrThrow({ where: { slug: "dinum" } });
    const refused = await updateOrganisationAction(null, form({ ...fields({ acronym: "DINUM", siret: "356 000 000 00048", proConnectSirets: "", kind: "DELEGANT" }), organisationId: dinum.id }));
    expect(refused).toMatchObject({ ok: false, code: "ORGANISATION_DELEGANT_FOR_ADMINISTRATORS", fieldErrors: { kind: expect.stringMatching(/^Accès refusé/) } });
  });
});
