// The demo data states FAST 14 exactly as the signed convention does (shared/seeds/000_08ebe254055c2c66.txt),
// and gives it expenditure the app itself would have accepted.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verify } from "@node-rs/argon2";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { isoDate } from "../../src/domain/dates";
import { deriveConvention } from "../../src/domain/convention-view";
import { formatDate } from "../../src/domain/dates";
import { loadConventionFacts } from "../../src/server/repositories/convention-facts";
import { DEMO_PASSWORD, DEMO_USERS, FAST14, FAST14_DEMO_HISTORY, ORGANISATIONS } from "./fast14";
import { siretProblem } from "../../src/domain/siret";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureProblems, demoExpenditureTotals, type DemoEj } from "./fast14-expenditures";
import { seedDemo } from "./seed";
import { SOURCE } from "../../tests/fixtures/fast14-signed-text";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const fast14 = () =>
  database.prisma.convention.findUniqueOrThrow({
    where: { reference: "FAST14-FCU" },
    include: {
      parties: { include: { organisation: { include: { representatives: true } } } },
      credits: true,
      tranches: true,
      obligations: true,
    },
  });

describe("FAST 14 | France Chaleur Urbaine in the demo data", () => {
  it("names the three parties with their addresses and representatives", async () => {
    const c = await fast14();
    const party = (role: string) => c.parties.find((p) => p.role === role)!;
    expect(party("DELEGANT").organisation.acronym).toBe("DINUM");
    expect(party("DELEGANT").address).toBe("20 avenue de Ségur – TSA 30719 - 75334 PARIS Cedex 07");
    expect(party("DELEGANT").representativeName).toBe("Stéphanie Schaer");
    expect(party("DELEGANT").representativeTitle).toBe("Directrice interministérielle du numérique");
    expect(party("PARTENAIRE").organisation.acronym).toBe("DRIEAT");
    expect(party("PARTENAIRE").address).toBe("Ponant 2, 27-29 rue Leblanc, 75015 Paris");
    expect(party("PARTENAIRE").representativeName).toBe("Emmanuelle Gay");
    expect(party("PARTENAIRE").representativeTitle).toBe("Directrice");
    expect(party("DELEGATAIRE").organisation.name).toBe("Direction du Numérique du Ministère de la Transition Ecologique");
    expect(party("DELEGATAIRE").address).toBe("Grande Arche Paroi Sud La Défense 92800 PUTEAUX");
    expect(party("DELEGATAIRE").representativeName).toBe("Arnaud Beaufort");
    expect(party("DELEGATAIRE").representativeTitle).toBe("Directeur du numérique");
  });

  it("states the dates, the money and the Chorus references", async () => {
    const c = await fast14();
    expect(c.fastCall).toBe("FAST 14");
    expect(c.startupName).toBe("France Chaleur Urbaine");
    expect(isoDate(c.signedOn!)).toBe("2024-02-29");
    expect(isoDate(c.endsOn)).toBe("2024-12-31");
    expect(c.fastFundingCents).toBe(12_100_000n);
    expect(c.credits.map((x) => [x.year, x.aeCents, x.cpCents])).toEqual([[2024, 12_100_000n, 12_100_000n]]);
    expect(c.tranches).toHaveLength(4);
    for (const t of c.tranches) expect(t.shareBasisPoints).toBe(5000);
    expect(c.tranches.filter((t) => t.trigger === "SIGNATURE").map((t) => t.creditType).sort()).toEqual(["AE", "CP"]);
    expect(c.tranches.filter((t) => t.trigger === "MID_TERM_REVIEW").map((t) => t.creditType).sort()).toEqual(["AE", "CP"]);
    expect([c.domaineFonctionnel, c.centreFinancier, c.activite, c.centreDeCout]).toEqual([
      "0352-01",
      "0352-CFSE-CFIN",
      "035200010101",
      "SGDFNUM092",
    ]);
    expect(c.bop).toBe("352");
    expect(c.legalBasis).toHaveLength(3);
    expect(c.legalBasis.join(" ")).toMatch(/2004-1085.*2012-1246.*2019-1088/);
    expect(c.terminationNoticeMonths).toBe(3);
    expect(c.published).toBe(true);
  });

  it("attributes every obligation of articles 2 to 4 to its party, with the dates the text gives", async () => {
    const c = await fast14();
    const by = (role: string) => c.obligations.filter((o) => o.owedBy === role).length;
    expect(by("PARTENAIRE")).toBe(19);
    expect(by("DELEGANT")).toBe(6);
    expect(by("DELEGATAIRE")).toBe(6);
    const cofinancing = c.obligations.find((o) => o.code === "COFINANCEMENT")!;
    expect(isoDate(cofinancing.dueOn!)).toBe("2024-08-29");
    expect(cofinancing.title).toContain("121 000 €");
    expect(isoDate(c.obligations.find((o) => o.code === "HABILITATIONS_CHORUS")!.dueOn!)).toBe("2024-02-29");
    expect(isoDate(c.obligations.find((o) => o.code === "COMPTE_RENDU_TERME")!.dueOn!)).toBe("2024-12-31");
  });

  it("creates one demo account per role, with the documented password", async () => {
    const users = await database.prisma.user.findMany();
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    const pilote = users.find((u) => u.role === "PILOTE_FAST")!;
    expect(await verify(pilote.passwordHash!, DEMO_PASSWORD)).toBe(true);
  });

  it("keeps the fictitious convention on other organisations", async () => {
    const other = await database.prisma.convention.findUniqueOrThrow({
      where: { reference: "FAST16-DEMO" },
      include: { parties: { include: { organisation: true } } },
    });
    const acronyms = other.parties.map((p) => `${p.role}:${p.organisation.acronym}`).sort();
    expect(acronyms).toEqual(["DELEGANT:DINUM", "DELEGATAIRE:SG Démo", "PARTENAIRE:DDT Démo"]);
  });

  it("gives FAST 14 two demo committees with heat-network indicators, written by the intrapreneur with their audit entries", async () => {
    const c = await fast14();
    const committees = await database.prisma.investmentCommittee.findMany({ where: { conventionId: c.id }, orderBy: { heldOn: "asc" }, include: { recordedBy: true, measures: { include: { indicator: true } } } });
    expect(committees.map((x) => isoDate(x.heldOn))).toEqual(["2024-03-14", "2024-09-12"]);
    for (const committee of committees) {
      expect(committee.isDemoData).toBe(true);
      expect(committee.decision).toMatch(/^Données de démonstration\./);
      expect(committee.recordedBy.email).toBe("intrapreneur@drieat.example.fr");
      // Within the convention's life (29 February – 31 December 2024).
      expect(isoDate(committee.heldOn) >= "2024-02-29" && isoDate(committee.heldOn) <= "2024-12-31").toBe(true);
    }
    const indicators = await database.prisma.indicator.findMany({ where: { conventionId: c.id }, orderBy: { position: "asc" } });
    expect(indicators.map((i) => [i.name, i.isPublic])).toEqual([
      ["Demandes de raccordement", true],
      ["Raccordements réalisés", true],
      ["Tonnes de CO₂ évitées", true],
      ["Délai moyen de mise en relation", false],
    ]);
    const second = committees[1]!.measures.find((m) => m.indicator.name === "Tonnes de CO₂ évitées")!;
    expect(second.result!.toFixed(4)).toBe("2050.5000");
    const audit = await database.prisma.auditEntry.findMany({ where: { conventionId: c.id, kind: { in: ["committee.record", "indicator.define"] } } });
    expect(audit.filter((a) => a.kind === "committee.record")).toHaveLength(2);
    expect(audit.filter((a) => a.kind === "indicator.define")).toHaveLength(4);
    expect(new Set(audit.map((a) => a.role))).toEqual(new Set(["INTRAPRENEUR"]));
  });

  it("declares a few demo follow-ups of FAST 14's obligations, each by the party that owes it", async () => {
    const c = await fast14();
    const updates = await database.prisma.obligationUpdate.findMany({ where: { obligation: { conventionId: c.id } }, include: { obligation: true, author: true } });
    expect(updates.map((u) => u.obligation.code).sort()).toEqual(["COFINANCEMENT", "HABILITATIONS_CHORUS", "INTRAPRENEUR", "OPEN_SOURCE", "SPONSOR"]);
    for (const u of updates) {
      expect(u.note).toMatch(/^Données de démonstration\./);
      expect(u.author.email).toBe(u.obligation.owedBy === "DELEGANT" ? "pilote@dinum.example.fr" : "intrapreneur@drieat.example.fr");
    }
    expect(await database.prisma.auditEntry.count({ where: { conventionId: c.id, kind: "obligation.update" } })).toBe(5);
  });

  it("gives FAST 14 the délégataire's demo expenditure, as its actions write it, agreeing to the cent with the derived credits", async () => {
    const c = await fast14();
    const ejs = await database.prisma.engagementJuridique.findMany({
      where: { conventionId: c.id },
      include: { movements: true, serviceFaits: true, payments: true, createdBy: true },
      orderBy: [{ chorusNumber: "asc" }, { lineNumber: "asc" }],
    });
    expect(ejs.map((e) => `${e.chorusNumber}/${e.lineNumber}`)).toEqual(FAST14_DEMO_EXPENDITURES.map((e) => `${e.chorusNumber}/${e.lineNumber}`).sort());
    for (const ej of ejs) {
      expect(ej).toMatchObject({ source: "SAISIE", marche: c.marche, domaineFonctionnel: "0352-01", centreFinancier: "0352-CFSE-CFIN", activite: "035200010101", centreDeCout: "SGDFNUM092" });
      expect(ej.marche).toContain("Réalisation de services publics numériques en mode produit");
      expect(ej.chorusNumber).toMatch(/^\d{10}$/);
      expect(siretProblem(ej.supplierSiret!)).toBeNull();
      expect(ej.supplierName).toMatch(/\(démo\)$/);
      expect(ej.createdBy.email).toBe("gestionnaire@dnum-mte.example.fr");
    }
    const count = (f: (e: DemoEj) => number) => FAST14_DEMO_EXPENDITURES.reduce((a, e) => a + f(e), 0);
    const audit = await database.prisma.auditEntry.groupBy({ by: ["kind"], where: { conventionId: c.id, kind: { startsWith: "expenditure." } }, _count: true });
    expect(Object.fromEntries(audit.map((a) => [a.kind, a._count]))).toEqual({
      "expenditure.ej": count(() => 1),
      "expenditure.movement": count((e) => e.movements.length),
      "expenditure.serviceFait": count((e) => e.serviceFaits.length),
      "expenditure.payment": count((e) => e.payments.length),
    });
    const { credits } = deriveConvention(await loadConventionFacts(c.id), "2024-12-31");
    const totals = demoExpenditureTotals(FAST14_DEMO_EXPENDITURES);
    expect(credits.years[0]).toMatchObject({ ae: { engaged: totals.engagedCents }, cp: { paid: totals.paidCents } });
    expect(ejs.flatMap((e) => e.movements).reduce((a, m) => a + m.amountCents, 0n)).toBe(totals.engagedCents);
    expect(ejs.flatMap((e) => e.payments).reduce((a, p) => a + p.amountCents, 0n)).toBe(totals.paidCents);
    expect(totals.engagedCents <= credits.years[0]!.ae.madeAvailable && totals.paidCents <= credits.years[0]!.cp.madeAvailable).toBe(true);
  });

  it("checks the demo expenditure date by date against the tranches released by then", () => {
    expect(demoExpenditureProblems(FAST14, FAST14_DEMO_HISTORY, FAST14_DEMO_EXPENDITURES)).toEqual([]);
    const [first, second, third] = FAST14_DEMO_EXPENDITURES as [DemoEj, DemoEj, DemoEj];
    // The second order before T2 (released on 13 May): T1 (60 500 €) does not cover it.
    const early = [first, second, { ...third, orderedOn: "2024-05-06", serviceFaits: [] }];
    expect(demoExpenditureProblems(FAST14, FAST14_DEMO_HISTORY, early)).toEqual([expect.stringContaining("AE engagées au-delà des tranches débloquées")]);
    const unpaidWork = [{ ...second, serviceFaits: [] }];
    expect(demoExpenditureProblems(FAST14, FAST14_DEMO_HISTORY, unpaidWork)).toEqual([expect.stringContaining("paiement sans service fait")]);
    const badSiret = [{ ...second, supplier: { name: "X (démo)", siret: "12345678900012" } }];
    expect(demoExpenditureProblems(FAST14, FAST14_DEMO_HISTORY, badSiret)).toEqual([expect.stringContaining("SIRET 12345678900012 invalide")]);
  });

  it.runIf(existsSync(SOURCE))("states what the signed text states, word for word", () => {
    const text = readFileSync(SOURCE, "utf8");
    const has = (fragment: string) => expect(text, fragment).toContain(fragment);
    has(FAST14.title);
    for (const key of ["dinum", "drieat", "dnumMte"] as const) {
      const org = ORGANISATIONS[key];
      has(org.address);
      has(org.representative.fullName);
      has(org.representative.title);
    }
    has(ORGANISATIONS.drieat.name);
    has(ORGANISATIONS.dnumMte.name);
    has(`Fait à ${FAST14.signedAt}, le ${formatDate(FAST14.signedOn)}`);
    has("jusqu'au 31 décembre 2024");
    has(`"${FAST14.marche}"`);
    has(`"**${FAST14.startupName}**"`);
    has(`BOP ${FAST14.bop} "${FAST14.bopLabel.toLowerCase()}"`);
    for (const ref of [FAST14.domaineFonctionnel, FAST14.centreFinancier, FAST14.activite, FAST14.centreDeCout]) has(`:\t${ref}`);
    // 2024: AE 121 000 €, CP 121 000 €; a co-financing of 121 000 € within six months.
    has("2024\t121 000 €\t121 000 €");
    expect(FAST14.credits).toEqual([{ year: 2024, aeCents: 12_100_000n, cpCents: 12_100_000n }]);
    has("cofinancement pour le service \"**France Chaleur Urbaine**\" à hauteur de **121 000 €** à engager dans les six mois");
    has("50% du montant de la subvention seront versés dès la signature");
    has("Les 50% restants seront débloqués suite au bilan de mi-parcours avec l'équipe FAST (fin avril)");
    has("préavis de trois mois");
  });

  it("refuses to seed twice: unique keys stop a second copy and nothing is half-written", async () => {
    const before = await database.prisma.convention.count();
    await expect(seedDemo(database.prisma)).rejects.toThrow();
    expect(await database.prisma.convention.count()).toBe(before);
    expect(await database.prisma.organisation.count()).toBe(5);
  });
});
