// The open data of the published conventions (/publiques/conventions/export.csv and .json), against the seeded
// database: every row valid against the documented schema (src/domain/open-data.ts, docs/open-data.md), FAST
// 14's SCDL columns and the délégation's own as its record says, and no leak — no unpublished convention, no
// unsigned draft even marked published, no private field.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";
import { actionHarness, SEEDED } from "../../tests/support/action-harness";
import { createConvention } from "../../tests/factories/conventions";
import { OPEN_DATA_COLUMNS, openDataRowSchema } from "@/domain/open-data";
import { TEST_TODAY } from "../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));

const csvRoute = await import("@/app/publiques/conventions/export.csv/route");
const jsonRoute = await import("@/app/publiques/conventions/export.json/route");

const h = actionHarness();
const fast14 = h.seeded(SEEDED.FAST14);
const demo = h.seeded(SEEDED.FAST16_DEMO);

const NAMES = OPEN_DATA_COLUMNS.map((c) => c.name);

async function csvRows(): Promise<Record<string, string>[]> {
  const response = await csvRoute.GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const records = parse(await response.text(), { delimiter: ";", bom: true }) as string[][];
  expect(records[0]).toEqual(NAMES);
  return records.slice(1).map((r) => Object.fromEntries(NAMES.map((n, i) => [n, r[i]!])));
}

async function jsonRows(): Promise<Record<string, string>[]> {
  const response = await jsonRoute.GET();
  expect(response.status).toBe(200);
  const body = (await response.json()) as { colonnes: string[]; conventions: Record<string, string>[] };
  expect(body.colonnes).toEqual(NAMES);
  return body.conventions;
}

describe("open data of the published conventions", () => {
  it("documents every column, in order, with its type (docs/open-data.md)", () => {
    const doc = readFileSync("docs/open-data.md", "utf8");
    const documented = [...doc.matchAll(/^\| `([A-Za-z]+)` \| ([^|]+) \| (oui|non) \| (oui|non) \|/gm)].map((m) => ({ name: m[1], type: m[2]!.trim(), scdl: m[3] === "oui", optional: m[4] === "non" }));
    expect(documented).toEqual(OPEN_DATA_COLUMNS.map(({ name, type, scdl, optional }) => ({ name, type, scdl, optional })));
    // The SCDL « subventions » columns come first, in the schema's order.
    expect(NAMES.slice(0, 14)).toEqual([
      "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire", "objet",
      "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention",
    ]);
  });

  for (const [format, rowsOf] of [["CSV", csvRows], ["JSON", jsonRows]] as const) {
    it(`${format}: FAST 14 only, valid against the schema, its facts as recorded`, async () => {
      const rows = await rowsOf();
      expect(rows.map((r) => r.referenceDecision)).toEqual([SEEDED.FAST14]);
      for (const row of rows) expect(openDataRowSchema.safeParse(row).error).toBeUndefined();
      expect(rows[0]).toMatchObject({
        nomAttribuant: "Direction interministérielle du numérique",
        dateConvention: "2024-02-29",
        nomBeneficiaire: "Direction régionale et interdépartementale de l'environnement, de l'aménagement et des transports",
        montant: "121000.00",
        nature: "aide en numéraire",
        conditionsVersement: "échelonné",
        datesPeriodeVersement: "2024-02-29/2024-12-31",
        notificationUE: "non",
        pourcentageSubvention: "1.00",
        appelFast: "FAST 14",
        startup: "France Chaleur Urbaine",
        nomDelegataire: "Direction du Numérique du Ministère de la Transition Ecologique",
        centreFinancier: "0352-CFSE-CFIN",
        domaineFonctionnel: "0352-01",
        activite: "035200010101",
        centreDeCout: "SGDFNUM092",
        dateFin: "2024-12-31",
        aeParAnnee: "2024=121000.00",
        cpParAnnee: "2024=121000.00",
        dateResiliation: "",
        dateExport: TEST_TODAY,
      });
      expect(rows[0]!.tranches).toMatch(/^2024 AE 1 50 % signature débloquée 2024-03-04 \| 2024 AE 2 50 % bilan de mi-parcours/);
      expect(BigInt(rows[0]!.aeEngagees!.replace(".", ""))).toBeGreaterThan(0n);
    });
  }

  it("never shows an unpublished convention, a draft marked published, nor a private field", async () => {
    const marker = "PRIVÉ-NE-PAS-PUBLIER";
    await h.prisma.convention.update({ where: { id: fast14.id }, data: { intrapreneurName: marker, sponsorName: marker } });
    await h.prisma.convention.update({ where: { id: demo.id }, data: { purpose: `${marker} objet` } });
    const author = await h.prisma.user.findUniqueOrThrow({ where: { email: "intrapreneur@drieat.example.fr" } });
    await h.prisma.draftComment.create({ data: { conventionId: fast14.id, authorId: author.id, party: "PARTENAIRE", body: `${marker} commentaire`, createdAt: new Date() } });
    const draft = await createConvention(h.prisma, { reference: "BROUILLON-PUBLIE" });
    await h.prisma.convention.update({ where: { id: draft.id }, data: { published: true, signedOn: null } });
    const signed = await createConvention(h.prisma, { reference: "PUBLIEE-2" });
    await h.prisma.convention.update({ where: { id: signed.id }, data: { published: true, purpose: "=HYPERLINK(\"http://x\")" } });
    const csvText = await (await csvRoute.GET()).text();
    const jsonText = await (await jsonRoute.GET()).text();
    for (const text of [csvText, jsonText]) {
      expect(text).not.toContain(marker);
      expect(text).not.toContain("BROUILLON-PUBLIE");
      expect(text).not.toContain(SEEDED.FAST16_DEMO);
      expect(text).toContain("PUBLIEE-2");
      for (const field of ["intrapreneur", "sponsor", "@", "password", "comptable"]) expect(text.toLowerCase()).not.toContain(field === "@" ? "@dinum" : field);
    }
    // A formula stays text in the CSV.
    expect((await csvRows()).find((r) => r.referenceDecision === "PUBLIEE-2")!.objet).toBe("'=HYPERLINK(\"http://x\")");
    expect((await jsonRows()).map((r) => r.referenceDecision)).toEqual([SEEDED.FAST14, "PUBLIEE-2"]);
  });

  it("fills the SIRET columns from the organisations directory once it records them", async () => {
    const siretOf = async () => (await jsonRows()).find((r) => r.referenceDecision === SEEDED.FAST14)!;
    expect(await siretOf()).toMatchObject({ idAttribuant: "", idBeneficiaire: "", siretDelegataire: "" });
    // Valid SIRETs (Luhn key): DINUM's own, and two of a ministry for the test.
    const directory = { dinum: "13002526500013", drieat: "11000201100044", "dnum-mte": "11000201100051" };
    for (const [slug, siret] of Object.entries(directory)) await h.prisma.organisation.update({ where: { slug }, data: { siret } });
    for (const rows of [await jsonRows(), await csvRows()]) {
      const row = rows.find((r) => r.referenceDecision === SEEDED.FAST14)!;
      expect(row).toMatchObject({ idAttribuant: "13002526500013", idBeneficiaire: "11000201100044", siretDelegataire: "11000201100051" });
      expect(openDataRowSchema.safeParse(row).error).toBeUndefined();
    }
  });
});
