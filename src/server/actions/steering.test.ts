// The partner's steering written through the server actions against the real database, role by role:
// indicators, investment committees and their measures. Each refusal says why in French and leaves the
// record (and its audit trail) untouched.
import { describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form, SEEDED } from "../../../tests/support/action-harness";
import { isoDate } from "@/domain/dates";
import { TEST_TODAY } from "../../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const actions = await import("./steering");
const { loadAmbition, loadSteering } = await import("../repositories/steering");

const h = actionHarness({ writes: ["investmentCommittee", "indicator", "indicatorMeasure"] });
const { signInAs: as, expectRefused } = h;
const fast14 = h.seeded(SEEDED.FAST14);
const fictive = h.seeded(SEEDED.FAST16_DEMO);
const today = TEST_TODAY;

const { PILOTE, ADMIN, FAST14_PARTNER: PARTNER, DEMO_PARTNER: OTHER_PARTNER, FAST14_GESTIONNAIRE: GESTIONNAIRE } = ACCOUNTS;

/** A server action that succeeded and redirected (Next's redirect() throws NEXT_REDIRECT with the target in its digest). */
async function expectRedirect(act: () => Promise<unknown>, target: RegExp): Promise<string> {
  const error = await act().then(
    (result) => {
      throw new Error(`expected a redirect, got ${JSON.stringify(result)}`);
    },
    (e: unknown) => e as { digest?: string },
  );
  const href = String(error.digest ?? "").split(";")[2] ?? "";
  expect(href).toMatch(target);
  return href;
}

async function indicatorId(conventionId: string, name: string) {
  return (await h.prisma.indicator.findFirstOrThrow({ where: { conventionId, name } })).id;
}

const indicator = (values: Record<string, string> = {}) =>
  form({
    conventionId: fast14.id,
    name: "Collectivités accompagnées",
    unit: "collectivités",
    definition: "Nombre de collectivités accompagnées dans leur projet de réseau.",
    impactLevel: "UTILE",
    visibility: "public",
    ...values,
  });

describe("defining an indicator", () => {
  it("is the partner's intrapreneur's only: refused to DINUM, another partner, the délégataire, the administrator and nobody", async () => {
    await h.expectForbidden([PILOTE, OTHER_PARTNER, GESTIONNAIRE, ADMIN, null], () => actions.defineIndicatorAction(null, indicator()));
  });

  it("refuses an indicator without a unit, a level or a name, and a name already taken", async () => {
    as(PARTNER);
    const bad = await expectRefused(() => actions.defineIndicatorAction(null, indicator({ unit: " ", impactLevel: "GENIAL", name: "" })), /corriger/);
    expect(bad).toMatchObject({
      fieldErrors: {
        unit: expect.stringContaining("précisez l'unité de mesure"),
        impactLevel: expect.stringContaining("matrice d'impact"),
        name: "Nom de l'indicateur : champ obligatoire.",
      },
    });
    await expectRefused(() => actions.defineIndicatorAction(null, indicator({ name: "raccordements RÉALISÉS" })), { code: "INDICATOR_NAME_TAKEN", field: "name" });
  });

  it("adds it, audited, after the existing ones", async () => {
    as(PARTNER);
    expect(await actions.defineIndicatorAction(null, indicator())).toMatchObject({ ok: true });
    const steering = await loadSteering(fast14.id);
    expect(steering.indicators.map((i) => i.name).at(-1)).toBe("Collectivités accompagnées");
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { conventionId: fast14.id, kind: "indicator.define" }, orderBy: { id: "desc" } });
    expect(entry.after).toMatchObject({ name: "Collectivités accompagnées", unit: "collectivités", isPublic: true });
    expect(entry.role).toBe("INTRAPRENEUR");
  });

  it("updates it, keeping the former values in the audit trail; an indicator of another convention is refused", async () => {
    as(PARTNER);
    const id = await indicatorId(fast14.id, "Collectivités accompagnées");
    expect(await actions.updateIndicatorAction(null, indicator({ indicatorId: id, visibility: "prive" }))).toMatchObject({ ok: true });
    expect((await h.prisma.indicator.findUniqueOrThrow({ where: { id } })).isPublic).toBe(false);
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "indicator.update", entityId: id } });
    expect(entry.before).toMatchObject({ isPublic: true });
    expect(entry.after).toMatchObject({ isPublic: false });
    as(OTHER_PARTNER);
    await expectRefused(() => actions.updateIndicatorAction(null, indicator({ conventionId: fictive.id, indicatorId: id })), { code: "INDICATOR_NOT_IN_CONVENTION" });
  });
});

describe("recording an investment committee", () => {
  const committee = (values: Record<string, string> = {}) =>
    form({
      conventionId: fast14.id,
      heldOn: "2024-06-20",
      chairedBy: "Emmanuelle Gay",
      dinumInvited: "oui",
      dinumAttended: "oui",
      decisionKind: "POURSUITE",
      sponsorAttended: "oui",
      decision: "Poursuite.",
      orientation: "Déployer auprès des bailleurs sociaux.",
      minutesUrl: "https://example.fr/cr-comite.pdf",
      devDaysPerWeek: "1,5",
      deployDaysPerWeek: "2",
      ...values,
    });

  it("is refused to every role but the partner's intrapreneur, and to nobody", async () => {
    await h.expectForbidden([PILOTE, OTHER_PARTNER, GESTIONNAIRE, ADMIN, null], () => actions.recordCommitteeAction(null, committee()));
  });

  it("refuses a committee outside the convention's life, in the future, twice on a date, or with bad values", async () => {
    as(PARTNER);
    await expectRefused(() => actions.recordCommitteeAction(null, committee({ heldOn: "2025-01-15" })), { code: "EVENT_CONVENTION_NOT_RUNNING", field: "heldOn" });
    await expectRefused(() => actions.recordCommitteeAction(null, committee({ heldOn: "2024-02-01" })), { code: "EVENT_BEFORE_SIGNATURE", field: "heldOn" });
    await expectRefused(() => actions.recordCommitteeAction(null, committee({ heldOn: "2024-09-12" })), "Un comité d'investissement est déjà enregistré le 12 septembre 2024 : un seul comité par date.");
    as(OTHER_PARTNER);
    await expectRefused(() => actions.recordCommitteeAction(null, committee({ conventionId: fictive.id, heldOn: "2026-12-04" })), { code: "EVENT_IN_FUTURE", field: "heldOn" });
    as(PARTNER);
    const bad = await expectRefused(() => actions.recordCommitteeAction(null, committee({ heldOn: "14/06/2024", minutesUrl: "compte-rendu.pdf", dinumInvited: "peut-être" })), /corriger/);
    expect(bad).toMatchObject({ fieldErrors: { heldOn: expect.stringContaining("AAAA-MM-JJ"), minutesUrl: expect.stringContaining("https://"), dinumInvited: "Dites si la DINUM a été invitée." } });
    const days = await expectRefused(() => actions.recordCommitteeAction(null, committee({ devDaysPerWeek: "beaucoup", dinumInvited: "non" })), /corriger/);
    expect(days).toMatchObject({ fieldErrors: { devDaysPerWeek: expect.stringContaining("nombre de jours attendu"), dinumAttended: "La DINUM ne peut pas avoir participé sans avoir été invitée." } });
    const demandes = await indicatorId(fast14.id, "Demandes de raccordement");
    const values = await expectRefused(() => actions.recordCommitteeAction(null, committee({ [`result-${demandes}`]: "beaucoup", [`objective-${demandes}`]: "-3" })), /valeurs d'indicateurs sont à corriger/);
    expect(values).toMatchObject({
      fieldErrors: { [`result-${demandes}`]: "Valeur illisible : écrivez un nombre, par exemple 1 234,5.", [`objective-${demandes}`]: "Une valeur d'indicateur ne peut pas être négative." },
    });
  });

  it("validates the whole form before writing: a bad measure and a bad commitment are both reported, each in French", async () => {
    as(PARTNER);
    const demandes = await indicatorId(fast14.id, "Demandes de raccordement");
    const both = await expectRefused(() => actions.recordCommitteeAction(null, committee({ [`result-${demandes}`]: "beaucoup", deployDaysPerWeek: "deux" })), /corriger/);
    expect(both).toMatchObject({
      fieldErrors: {
        [`result-${demandes}`]: "Valeur illisible : écrivez un nombre, par exemple 1 234,5.",
        deployDaysPerWeek: "Jours de déploiement : nombre de jours attendu, au dixième près (par exemple 1,5).",
      },
    });
    // With a bad date too: every problem of the form at once, not the first one met.
    const all = await expectRefused(() => actions.recordCommitteeAction(null, committee({ heldOn: "hier", [`objective-${demandes}`]: "-3", devDaysPerWeek: "9" })), /corriger/);
    expect(Object.keys((all as { fieldErrors?: object }).fieldErrors ?? {}).sort()).toEqual(["devDaysPerWeek", "heldOn", `objective-${demandes}`]);
    const committeeId = (await h.prisma.investmentCommittee.findFirstOrThrow({ where: { conventionId: fast14.id } })).id;
    const measures = await expectRefused(() => actions.recordMeasuresAction(null, form({ conventionId: fast14.id, committeeId, [`result-${demandes}`]: "12,34567" })), /valeurs d'indicateurs sont à corriger/);
    expect(measures).toMatchObject({ fieldErrors: { [`result-${demandes}`]: "Une valeur a au plus quatre décimales." } });
  });

  it("refuses more than the seven days of a week for a FAST commitment, in French, before the database does (issue 17)", async () => {
    as(PARTNER);
    const eight = await expectRefused(() => actions.recordCommitteeAction(null, committee({ devDaysPerWeek: "8" })), "Certaines informations sont à corriger.");
    expect(eight).toMatchObject({ fieldErrors: { devDaysPerWeek: "Jours de développement : 7 jours par semaine au plus." } });
    const deploy = await expectRefused(() => actions.recordCommitteeAction(null, committee({ deployDaysPerWeek: "7,5" })), "Certaines informations sont à corriger.");
    expect(deploy).toMatchObject({ fieldErrors: { deployDaysPerWeek: "Jours de déploiement : 7 jours par semaine au plus." } });
  });

  it("records it with its measures, readable against the previous committee's objectives", async () => {
    as(PARTNER);
    const demandes = await indicatorId(fast14.id, "Demandes de raccordement");
    const co2 = await indicatorId(fast14.id, "Tonnes de CO₂ évitées");
    // Recorded, the committee's own page opens.
    await expectRedirect(
      () => actions.recordCommitteeAction(null, committee({ [`result-${demandes}`]: "2 600", [`objective-${demandes}`]: "3 600", [`result-${co2}`]: "3 000,25", [`objective-${co2}`]: "" })),
      new RegExp(`^/conventions/${fast14.id}/comites/[0-9a-f-]{36}\\?enregistre=1$`),
    );
    const steering = await loadSteering(fast14.id);
    expect(steering.committees.map((c) => c.heldOn)).toEqual(["2024-03-14", "2024-06-20", "2024-09-12"]);
    const june = steering.committees[1]!;
    expect(june).toMatchObject({ chairedBy: "Emmanuelle Gay", dinumInvited: true, dinumAttended: true, devDaysPerWeekTenths: 15, deployDaysPerWeekTenths: 20, isDemoData: false, recordedByName: "Alex Bernard (démo)" });
    const series = steering.indicators.find((i) => i.name === "Demandes de raccordement")!.series;
    // June's result is read against March's objective (3 500): 74,3 %.
    expect(series[1]).toMatchObject({ result: 26_000_000n, objective: 36_000_000n, previousObjective: 35_000_000n, comparison: { status: "PARTIELLEMENT_ATTEINT", percentTenths: 743n } });
    // September's result is now read against June's objective (3 600).
    expect(series[2]).toMatchObject({ previousObjective: 36_000_000n, comparison: { status: "ATTEINT", percentTenths: 1033n } });
    const co2Series = steering.indicators.find((i) => i.name === "Tonnes de CO₂ évitées")!.series;
    expect(co2Series[1]).toMatchObject({ result: 30_002_500n, objective: null });
    const stored = await h.prisma.indicatorMeasure.findFirstOrThrow({ where: { indicatorId: co2, committee: { heldOn: new Date("2024-06-20T00:00:00Z") } } });
    expect(stored.result!.toFixed(4)).toBe("3000.2500");
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { conventionId: fast14.id, kind: "committee.record" }, orderBy: { id: "desc" } });
    expect(entry.after).toMatchObject({ heldOn: "2024-06-20", measures: { "Demandes de raccordement": { result: "2600", objective: "3600" }, "Tonnes de CO₂ évitées": { result: "3000.25", objective: null } } });
    expect(isoDate((await h.prisma.investmentCommittee.findFirstOrThrow({ where: { id: june.id } })).heldOn)).toBe("2024-06-20");
    // The tranches page's lighter read gives the same committees' dates, indicators and ambition.
    expect(await loadAmbition(fast14.id)).toEqual({ committees: steering.committees.map((c) => ({ id: c.id, heldOn: c.heldOn })), indicators: steering.indicators, ambition: steering.ambition });
  });

  it("lets the partner of the convention in force record today's committee", async () => {
    as(OTHER_PARTNER);
    await expectRedirect(() => actions.recordCommitteeAction(null, committee({ conventionId: fictive.id, heldOn: today, chairedBy: "Claude Exemple", minutesUrl: "" })), /comites\//);
    const steering = await loadSteering(fictive.id);
    expect(steering.committees).toHaveLength(1);
    expect(steering.committees[0]!.minutesUrl).toBeNull();
  });
});

describe("entering or correcting the measures of a committee", () => {
  it("corrects a value, audits before and after, and refuses when nothing changes", async () => {
    as(PARTNER);
    const committee = await h.prisma.investmentCommittee.findFirstOrThrow({ where: { conventionId: fast14.id, heldOn: new Date("2024-06-20T00:00:00Z") } });
    const demandes = await indicatorId(fast14.id, "Demandes de raccordement");
    const payload = (values: Record<string, string>) => form({ conventionId: fast14.id, committeeId: committee.id, [`result-${demandes}`]: "2 600", [`objective-${demandes}`]: "3 600", ...values });
    await expectRefused(() => actions.recordMeasuresAction(null, payload({})), { code: "MEASURES_UNCHANGED" });
    await h.expectForbidden([PILOTE, GESTIONNAIRE, ADMIN, OTHER_PARTNER], () => actions.recordMeasuresAction(null, payload({ [`result-${demandes}`]: "2 700" })));
    as(PARTNER);
    expect(await actions.recordMeasuresAction(null, payload({ [`result-${demandes}`]: "2 700" }))).toMatchObject({ ok: true });
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "committee.measures", entityId: committee.id } });
    expect(entry.before).toEqual({ "Demandes de raccordement": { result: "2600", objective: "3600" } });
    expect(entry.after).toEqual({ "Demandes de raccordement": { result: "2700", objective: "3600" } });
    // Emptying both values removes the measure.
    expect(await actions.recordMeasuresAction(null, payload({ [`result-${demandes}`]: "", [`objective-${demandes}`]: "" }))).toMatchObject({ ok: true });
    expect(await h.prisma.indicatorMeasure.count({ where: { committeeId: committee.id, indicatorId: demandes } })).toBe(0);
  });

  it("refuses a committee of another convention", async () => {
    as(OTHER_PARTNER);
    const committee = await h.prisma.investmentCommittee.findFirstOrThrow({ where: { conventionId: fast14.id } });
    await expectRefused(() => actions.recordMeasuresAction(null, form({ conventionId: fictive.id, committeeId: committee.id })), { code: "COMMITTEE_UNKNOWN" });
  });
});
