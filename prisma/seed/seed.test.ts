// The demo data states FAST 14 exactly as the signed convention does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verify } from "@node-rs/argon2";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { isoDate } from "../../src/domain/dates";
import { DEMO_PASSWORD, DEMO_USERS } from "./fast14";
import { seedDemo } from "./seed";

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

  it("refuses to seed twice: unique keys stop a second copy and nothing is half-written", async () => {
    const before = await database.prisma.convention.count();
    await expect(seedDemo(database.prisma)).rejects.toThrow();
    expect(await database.prisma.convention.count()).toBe(before);
    expect(await database.prisma.organisation.count()).toBe(5);
  });
});
