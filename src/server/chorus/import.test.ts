// Importing the FAST 14 sample extracts, one per Chorus layout (tests/fixtures/chorus, laid out as the public
// samples of Data État Région: see src/domain/chorus/layouts.ts), into the real database: preview, snapshot
// updates, all or nothing, idempotence across layouts, other conventions ignored, concurrent imports.
// The demo already holds the first lines of these extracts, typed in (prisma/seed/fast14-expenditures.ts):
// the import finds them known and brings the rest; FAST 14 then holds 116 627,62 € engaged, 93 618,81 € paid.
import { createReadStream, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { applyExtract, applyOrRefuse, discardExtract, ImportRefused, planExtract, readExtract as readExtractOf, readLines, type ExtractReading } from "./import";
import { loadConventionFacts } from "../repositories/convention-facts";
import { deriveConvention } from "@/domain/convention-view";
import type { Actor } from "@/domain/permissions";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureTotals } from "../../../prisma/seed/fast14-expenditures";
import { TEST_TODAY } from "../../../tests/support/test-clock";

const DEMO = demoExpenditureTotals(FAST14_DEMO_EXPENDITURES);
const ENGAGED_AT_TERM = 11_662_762n;
const PAID_AT_TERM = 9_361_881n;

const FIXTURES = "tests/fixtures/chorus";
let database: TestDatabase;
let fast14 = "";
let actor: Actor;

/** Each reading spools its lines to a temporary file: deleted after the tests. */
const readings: ExtractReading[] = [];
const readExtract = async (...args: Parameters<typeof readExtractOf>) => {
  const reading = await readExtractOf(...args);
  readings.push(reading);
  return reading;
};
const read = (file: string) => readExtract(fast14, createReadStream(`${FIXTURES}/${file}`));
const bytes = (text: string, encoding: BufferEncoding = "utf8") => (async function* () { yield Buffer.from(text, encoding); })();
const counts = () =>
  Promise.all([database.prisma.engagementJuridique.count(), database.prisma.ejMovement.count(), database.prisma.paymentRequest.count(), database.prisma.chorusImport.count(), database.prisma.auditEntry.count()]);
const credits = async () => deriveConvention(await loadConventionFacts(fast14), TEST_TODAY).credits.years[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  fast14 = (await database.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" } })).id;
  const user = await database.prisma.user.findUniqueOrThrow({ where: { email: "gestionnaire@dnum-mte.example.fr" } });
  actor = { userId: user.id, organisationId: user.organisationId, role: user.role };
});
afterAll(async () => {
  for (const reading of readings) discardExtract(reading);
  await database.close();
});

describe("reading each layout", () => {
  it.each([
    ["inf-bud-53-ae-fast14.csv", "INF_BUD_53_AE", "utf-8", 5, 1, ["activité (référentiel de programmation)", "centre de coûts"]],
    ["inf-bud-53-ae-fast14-excel.csv", "INF_BUD_53_AE", "windows-1252", 5, 1, ["activité (référentiel de programmation)", "centre de coûts"]],
    ["aife-ae-fast14.csv", "AIFE_AE", "utf-8", 6, 1, ["activité (référentiel de programmation)", "centre financier"]],
    ["national-ej-fast14.csv", "NATIONAL_EJ", "ascii", 4, 1, ["activité (référentiel de programmation)", "centre financier"]],
    ["inf-bud-53-cp-fast14.csv", "INF_BUD_53_CP", "utf-8", 7, 2, ["activité (référentiel de programmation)", "centre de coûts"]],
    ["aife-cp-fast14.csv", "AIFE_CP", "utf-8", 7, 1, ["activité (référentiel de programmation)", "centre de coûts"]],
    ["national-dp-fast14.csv", "NATIONAL_DP", "ascii", 9, 1, ["activité (référentiel de programmation)", "centre financier"]],
  ] as const)("%s: layout %s (%s), %i lines of FAST 14, %i of other conventions, decided by %j", async (file, format, encoding, ours, others, decidedBy) => {
    const reading = await read(file);
    expect(reading).toMatchObject({ format, encoding, otherCount: others, decidedBy, rejected: [] });
    expect(reading.aeCount + reading.cpCount).toBe(ours);
    expect(reading.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads a supplier name holding quotes and ';' as AIFE writes it", async () => {
    const reading = await read("aife-ae-fast14.csv");
    const lines = [];
    for await (const l of readLines(reading)) lines.push(l);
    expect(lines.find((l) => l.line.ejNumber === "1300462210")?.line.supplierName).toBe('COOPERATIVE; ELAN "NUMERIQUE" (DEMO)');
  });

  it("refuses, in French, a file that is no extract, an empty one, one with only its header, one cut short", async () => {
    await expect(readExtract(fast14, bytes("%PDF-1.7 binaire"))).rejects.toMatchObject({ failure: { code: "IMPORT_UNKNOWN_FORMAT" } });
    await expect(readExtract(fast14, bytes(""))).rejects.toMatchObject({ failure: { code: "IMPORT_EMPTY_FILE" } });
    const header = readFileSync(`${FIXTURES}/aife-ae-fast14.csv`, "utf8").split("\r\n")[0]!;
    await expect(readExtract(fast14, bytes(`${header}\r\n`))).rejects.toMatchObject({ failure: { code: "IMPORT_NO_LINES" } });
    const whole = readFileSync(`${FIXTURES}/aife-ae-fast14.csv`);
    await expect(readExtract(fast14, bytes(whole.toString("utf8")), { expectedBytes: whole.length + 10 })).rejects.toMatchObject({ failure: { code: "IMPORT_TRUNCATED" } });
    const old = "Programme;Centre financier;N° EJ;N° poste EJ;Date de l'EJ;Montant engagé (€)\r\n0352;0352-CFSE-CFIN;1300456781;1;15.03.2024;48 000,00\r\n";
    await expect(readExtract(fast14, bytes(old))).rejects.toThrow(ImportRefused);
  });

  it("names a missing column with the title the layout's samples give it", async () => {
    const lines = readFileSync(`${FIXTURES}/inf-bud-53-ae-fast14.csv`, "utf8").replace(",Date de dernière modif. de l'EJ", ",Date de modification");
    await expect(readExtract(fast14, bytes(lines))).rejects.toThrow(/colonnes introuvables .*« Date de dernière modif\. de l'EJ »/);
  });
});

describe("importing FAST 14's extracts on its demo", () => {
  it("previews the INF-BUD-53 AE restitution without writing: one poste known, two reduced, one new, the other convention ignored", async () => {
    const before = await counts();
    const plan = await planExtract(fast14, await read("inf-bud-53-ae-fast14.csv"));
    expect(await counts()).toEqual(before);
    expect(plan.rejected).toEqual([]);
    expect(plan.changes.map((c) => c.replace(/[\u00a0\u202f]/g, " "))).toEqual([
      "EJ 1300471502 poste 1 : nouvel engagement de 17 500,00 € le 9 septembre 2024.",
      "EJ 1300456781 poste 2 (AE 2024) : 12 487,62 € → 10 112,12 €, réduction de 2 375,50 € le 10 octobre 2024.",
      "EJ 1300462210 poste 1 (AE 2024) : 36 000,00 € → 34 765,50 €, réduction de 1 234,50 € le 2 décembre 2024.",
    ]);
    expect(plan.known).toBe(1);
    expect(plan.totals.aeCents).toBe(ENGAGED_AT_TERM - DEMO.engagedCents);
  });

  it("refuses the whole import when one line of the convention is refused, and writes nothing", async () => {
    const text = readFileSync(`${FIXTURES}/inf-bud-53-ae-fast14.csv`, "utf8").replace("17500", '"12,3,4"');
    const reading = await readExtract(fast14, bytes(text));
    expect(reading.rejected).toEqual([
      {
        lineNumber: 12,
        code: "CHORUS_LINE_UNREADABLE",
        failure: { code: "CHORUS_LINE_UNREADABLE", params: { lineNumber: 12, problems: [{ code: "CHORUS_CELL_AMOUNT_UNREADABLE", params: { value: "12,3,4" } }] } },
        reason: "Ligne 12 : montant illisible « 12,3,4 ».",
      },
    ]);
    const before = await counts();
    await expect(applyExtract(fast14, reading, actor, "abime.csv")).rejects.toMatchObject({ failure: { code: "IMPORT_LINES_REFUSED", params: { count: 1 } } });
    expect(await counts()).toEqual(before);
    // A ceiling breached refuses it too, naming what is left.
    const tooMuch = readFileSync(`${FIXTURES}/inf-bud-53-ae-fast14.csv`, "utf8").replace("17500", "27500");
    const plan = await planExtract(fast14, await readExtract(fast14, bytes(tooMuch)));
    expect(plan.rejected).toEqual([{ lineNumber: 12, code: "AE_ALLOCATION_EXCEEDED", reason: expect.stringMatching(/^Ligne 12 : Engagement refusé .*Reste à engager/) }]);
    await expect(applyExtract(fast14, await readExtract(fast14, bytes(tooMuch)), actor, "trop.csv")).rejects.toThrow(ImportRefused);
    expect(await counts()).toEqual(before);
    // In one pass (the page's and the command's apply): the refusal comes with the plan that made it, nothing written.
    const attempt = await applyOrRefuse(fast14, await readExtract(fast14, bytes(tooMuch)), actor, "trop.csv");
    expect(attempt).toMatchObject({ importId: null, refusal: { code: "IMPORT_LINES_REFUSED", params: { count: 1 } } });
    expect(attempt.plan.rejected).toEqual(plan.rejected);
    expect(await counts()).toEqual(before);
  });

  it("applies it in one import and one audit entry, and knows every line the next time, in any AE layout", async () => {
    const applied = await applyExtract(fast14, await read("inf-bud-53-ae-fast14.csv"), actor, "inf-bud-53-ae-fast14.csv");
    expect(applied.plan.newMovements.map((m) => m.kind)).toEqual(["INITIAL", "REDUCTION", "REDUCTION"]);
    expect((await credits()).ae.engaged).toBe(ENGAGED_AT_TERM);
    const imported = await database.prisma.chorusImport.findUniqueOrThrow({ where: { id: applied.importId! } });
    expect(imported).toMatchObject({ format: "INF_BUD_53_AE", linesCreated: 4, linesKnown: 1, linesRead: 6 });
    expect(await database.prisma.auditEntry.count({ where: { conventionId: fast14, kind: "expenditure.import" } })).toBe(1);
    // Its rows' ids are time-ordered (UUID version 7, as Prisma's defaults): written together, next to each other in the indexes.
    const written = await database.prisma.ejMovement.findMany({ where: { reason: { startsWith: "Import Chorus (inf-bud-53-ae-fast14.csv," } }, select: { id: true, ejId: true } });
    expect(written).toHaveLength(3);
    for (const id of [applied.importId!, ...written.flatMap((m) => [m.id, m.ejId])]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const before = await counts();
    for (const file of ["inf-bud-53-ae-fast14.csv", "inf-bud-53-ae-fast14-excel.csv", "aife-ae-fast14.csv", "national-ej-fast14.csv"]) {
      const plan = await planExtract(fast14, await read(file));
      expect({ file, moves: plan.newMovements, rejected: plan.rejected }).toEqual({ file, moves: [], rejected: [] });
      const again = await applyExtract(fast14, await read(file), actor, file);
      expect(again.importId).toBeNull();
    }
    expect(await counts()).toEqual(before);
  });

  it("imports the payments of the INF-BUD-53 CP restitution, a DP's lines added up, then knows them in AIFE and national layouts", async () => {
    expect((await credits()).cp.paid).toBe(DEMO.paidCents);
    const applied = await applyExtract(fast14, await read("inf-bud-53-cp-fast14.csv"), actor, "inf-bud-53-cp-fast14.csv");
    expect(applied.plan.newPayments.map((p) => [p.dpNumber, p.amountCents])).toEqual([
      ["1000268004", 1_800_000n],
      ["1000279945", 1_200_000n],
      ["1000281210", 937_500n],
    ]);
    expect((await credits()).cp.paid).toBe(PAID_AT_TERM);
    const before = await counts();
    for (const file of ["inf-bud-53-cp-fast14.csv", "aife-cp-fast14.csv", "national-dp-fast14.csv"]) {
      const plan = await planExtract(fast14, await read(file));
      expect({ file, payments: plan.newPayments, rejected: plan.rejected }).toEqual({ file, payments: [], rejected: [] });
    }
    const national = await planExtract(fast14, await read("national-dp-fast14.csv"));
    expect(national.notes.map((n) => n.reason)).toEqual([expect.stringMatching(/DP 100290001 : ses postes s'annulent/)]);
    expect(await counts()).toEqual(before);
  });

  it("records a later snapshot's change of a known poste as a movement", async () => {
    const text = readFileSync(`${FIXTURES}/national-ej-fast14.csv`, "utf8").replace("|17500.0|2024-09-09|", "|16250.0|2024-09-09|").replaceAll("2024-12-16", "2024-12-20");
    const applied = await applyExtract(fast14, await readExtract(fast14, bytes(text)), actor, "ej_data_etat_quot_2024-12-20.csv");
    expect(applied.plan.newMovements).toEqual([expect.objectContaining({ ejKey: "1300471502/1", kind: "REDUCTION", movedOn: "2024-12-20", amountCents: -125_000n })]);
    expect((await credits()).ae.engaged).toBe(ENGAGED_AT_TERM - 125_000n);
  });
});

describe("two imports at once", () => {
  it("write the new lines once: the second finds them known", async () => {
    const fsv = await database.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST16-DEMO" } });
    const sg = await database.prisma.user.findUniqueOrThrow({ where: { email: "gestionnaire@sg-demo.example.fr" } });
    const sgActor: Actor = { userId: sg.id, organisationId: sg.organisationId, role: sg.role };
    const signed = fsv.signedOn!.toISOString().slice(0, 10).split("-").reverse().join(".");
    const header = readFileSync(`${FIXTURES}/inf-bud-53-ae-fast14.csv`, "utf8").split("\r\n").slice(0, 7).join("\r\n");
    const row = `0352,0352-01,BG00/${fsv.centreDeCout},BG00/${fsv.activite},1300777001,${signed},1,${signed},1000872104,NUMERIQUE & PRODUIT ASSOCIES (DEMO),91234567500017,PCE/6113120000,Dépenses de fonction,33.04.06,#,Non affecté,N1175,1000`;
    const text = `${header}\r\n${row}\r\n`;
    const [a, b] = await Promise.allSettled([
      applyExtract(fsv.id, await readExtract(fsv.id, bytes(text)), sgActor, "a.csv"),
      applyExtract(fsv.id, await readExtract(fsv.id, bytes(text)), sgActor, "b.csv"),
    ]);
    expect([a.status, b.status]).toEqual(["fulfilled", "fulfilled"]);
    const ids = [a, b].map((r) => (r.status === "fulfilled" ? r.value.importId : "x"));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await database.prisma.engagementJuridique.count({ where: { conventionId: fsv.id, chorusNumber: "1300777001" } })).toBe(1);
  });
});
