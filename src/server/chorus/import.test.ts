// Importing the FAST 14 fixtures (INF-BUD-53 in Windows-1252, national EJ and DP extracts in UTF-8) into the
// real database: preview, all-or-nothing apply, idempotent re-import, other conventions ignored, ceilings.
// The demo already holds the first lines of these extracts, typed in (prisma/seed/fast14-expenditures.ts):
// the import finds them known and brings the rest; afterwards FAST 14 holds exactly the extracts' lines.
import { createReadStream } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { applyExtract, detectFormat, ImportRefused, planExtract, readExtract } from "./import";
import { loadConventionFacts } from "../repositories/convention-facts";
import { deriveConvention } from "@/domain/convention-view";
import { todayInParis } from "@/domain/dates";
import type { Actor } from "@/domain/permissions";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureTotals } from "../../../prisma/seed/fast14-expenditures";

/** AE lines and payments that the demo typed in: the same EJ/poste/date/amount and DP numbers as the extracts. */
const DEMO_AE_LINES = FAST14_DEMO_EXPENDITURES.reduce((a, e) => a + 1 + e.movements.length, 0);
const DEMO_PAYMENTS = FAST14_DEMO_EXPENDITURES.reduce((a, e) => a + e.payments.length, 0);
const DEMO = demoExpenditureTotals(FAST14_DEMO_EXPENDITURES);

const FIXTURES = "tests/fixtures/chorus";
let database: TestDatabase;
let fast14 = "";
let actor: Actor;

const read = (file: string) => readExtract(fast14, createReadStream(`${FIXTURES}/${file}`));
const counts = () =>
  Promise.all([database.prisma.engagementJuridique.count(), database.prisma.ejMovement.count(), database.prisma.paymentRequest.count(), database.prisma.chorusImport.count()]);
const credits = async () => deriveConvention(await loadConventionFacts(fast14), todayInParis()).credits.years[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  fast14 = (await database.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" } })).id;
  const user = await database.prisma.user.findUniqueOrThrow({ where: { email: "gestionnaire@dnum-mte.example.fr" } });
  actor = { userId: user.id, organisationId: user.organisationId, role: user.role };
});
afterAll(() => database.close());

describe("reading an extract", () => {
  it("recognises the format from the first bytes", () => {
    expect(detectFormat(Buffer.from("bbp_po_id|bbp_poitem|doc_date"))).toBe("NATIONAL_EJ");
    expect(detectFormat(Buffer.from("ac_doc_no|fiscyear"))).toBe("NATIONAL_DP");
    expect(detectFormat(Buffer.from("Pilotage de la gestion;;;\n"))).toBe("INF_BUD_53");
    expect(detectFormat(Buffer.from("%PDF-1.7"))).toBeNull();
  });

  it("refuses a file that is not an extract, with a French message", async () => {
    await expect(readExtract(fast14, (async function* () { yield Buffer.from("%PDF-1.7 binaire"); })())).rejects.toThrow(ImportRefused);
  });

  it("reads the Windows-1252 INF-BUD-53 file: FAST 14's lines, the rejected and the other conventions' lines", async () => {
    const reading = await read("inf-bud-53-fast14.csv");
    expect(reading.format).toBe("INF_BUD_53");
    expect(reading.encoding).toBe("windows-1252");
    expect(reading.ejLines).toHaveLength(7);
    expect(reading.ejLines.reduce((a, l) => a + l.line.amountCents, 0n)).toBe(11_662_762n);
    expect(reading.rejected).toHaveLength(3);
    expect(reading.rejected.map((r) => r.reason).join(" ")).toMatch(/montant illisible/);
    expect(reading.otherCount).toBe(2);
    expect(reading.ejLines.some((l) => l.line.supplierName.includes("é") || l.line.supplierName.includes("É"))).toBe(true);
  });
});

describe("applying extracts", () => {
  it("previews without writing, then applies all the new lines in one import", async () => {
    const reading = await read("inf-bud-53-fast14.csv");
    const before = await counts();
    const plan = await planExtract(fast14, reading);
    expect(await counts()).toEqual(before);
    expect(plan.rejected).toEqual([]);
    expect((await credits()).ae.engaged).toBe(DEMO.engagedCents);
    expect(plan.known).toBe(DEMO_AE_LINES);
    expect(plan.newMovements).toHaveLength(7 - DEMO_AE_LINES);
    expect(plan.totals.aeCents).toBe(11_662_762n - DEMO.engagedCents);

    const applied = await applyExtract(fast14, reading, actor, "inf-bud-53-fast14.csv");
    expect(applied.plan.newMovements).toHaveLength(7 - DEMO_AE_LINES);
    expect((await credits()).ae.engaged).toBe(11_662_762n);
    const imported = await database.prisma.chorusImport.findUniqueOrThrow({ where: { id: applied.importId } });
    expect(imported).toMatchObject({ format: "INF_BUD_53", linesCreated: 7 - DEMO_AE_LINES, linesKnown: DEMO_AE_LINES });
    const audit = await database.prisma.auditEntry.findMany({ where: { conventionId: fast14, kind: "expenditure.import" } });
    expect(audit).toHaveLength(1);
  });

  it("changes nothing when the same lines come again, in the same file or the national one", async () => {
    const again = await planExtract(fast14, await read("inf-bud-53-fast14.csv"));
    expect(again.newMovements).toEqual([]);
    expect(again.known).toBe(7);
    const national = await read("national-ej-fast14.txt");
    expect(national.encoding).toBe("utf-8");
    const plan = await planExtract(fast14, national);
    expect(plan.newEjs).toEqual([]);
    expect(plan.newMovements).toEqual([]);
    expect(plan.known).toBe(7);
  });

  it("imports the payments of the national DP file within the CP made available, and only once", async () => {
    const reading = await read("national-dp-fast14.txt");
    expect(reading.otherCount).toBe(1);
    expect((await credits()).cp.paid).toBe(DEMO.paidCents);
    const applied = await applyExtract(fast14, reading, actor, "national-dp-fast14.txt");
    expect(applied.plan.known).toBe(DEMO_PAYMENTS);
    expect(applied.plan.newPayments).toHaveLength(6 - DEMO_PAYMENTS);
    expect((await credits()).cp.paid).toBe(9_361_881n);
    const before = await counts();
    const again = await applyExtract(fast14, await read("national-dp-fast14.txt"), actor, "national-dp-fast14.txt");
    expect(again.plan.newPayments).toEqual([]);
    expect(again.plan.known).toBe(6);
    const after = await counts();
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
  });

  it("refuses, line by line, what would break a ceiling or fall outside the convention's life", async () => {
    const lines = [
      "N° EJ;N° poste EJ;Date;Fournisseur;SIRET;Domaine fonctionnel;Centre financier;Centre de coûts;Référentiel de programmation;Montant",
      "1300999001;1;02.05.2024;Trop cher;#;0352-01;0352-CFSE-CFIN;SGDFNUM092;035200010101;9000,00",
      "1300999002;1;15.01.2025;Trop tard;#;0352-01;0352-CFSE-CFIN;SGDFNUM092;035200010101;10,00",
      "1300999003;1;02.05.2024;Réduction d'un inconnu;#;0352-01;0352-CFSE-CFIN;SGDFNUM092;035200010101;-10,00",
    ].join("\r\n");
    const reading = await readExtract(fast14, (async function* () { yield Buffer.from(lines, "utf-8"); })(), { format: "INF_BUD_53" });
    expect(reading.rejected).toEqual([]);
    const plan = await planExtract(fast14, reading);
    expect(plan.newMovements).toEqual([]);
    expect(plan.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^Ligne 2 : .*Reste à engager/),
      expect.stringMatching(/^Ligne 3 : .*après la fin de la convention/),
      expect.stringMatching(/^Ligne 4 : réduction de l'EJ 1300999003 poste 1, qui n'est pas encore engagé/),
    ]);
  });
});
