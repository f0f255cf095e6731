// The CSV export of /pilotage (src/app/pilotage/export/route.ts) against the real seeded database, role by
// role: DINUM and the administrator download it; the other roles get 403, anonymous visitors 401.
import { parse } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";
import { actionHarness } from "../../tests/support/action-harness";
import { centsToFrenchDecimal as euros } from "@/domain/money";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureTotals } from "../../prisma/seed/fast14-expenditures";

// FAST 14's demo expenditure (prisma/seed/fast14-expenditures.ts); FAST16-DEMO has none.
const { engagedCents, paidCents } = demoExpenditureTotals(FAST14_DEMO_EXPENDITURES);

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));

const { GET } = await import("@/app/pilotage/export/route");

const h = actionHarness();
const as = h.signInAs;

const exportOf = (query = "") => GET(new Request(`http://localhost/pilotage/export${query}`));

async function csvOf(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { bytes, text, records: parse(text, { delimiter: ";", bom: true, relax_column_count: false }) as string[][] };
}

const HEADER = [
  "Référence",
  "Startup",
  "Partenaire",
  "État",
  "Échéance",
  "AE allouées (€)",
  "AE mises à disposition (€)",
  "AE engagées (€)",
  "AE restant à engager (€)",
  "CP alloués (€)",
  "CP mis à disposition (€)",
  "CP payés (€)",
  "CP restant à payer (€)",
  "Tranches à débloquer (nombre)",
  "Tranches à débloquer",
  "Bilan de mi-parcours en retard",
  "Fin sous 60 jours",
  "Obligations en retard (nombre)",
  "Avis en attente de réponse de la DINUM (nombre)",
  "Arrêt décidé en comité le",
  "Coût de l'impact en hausse au dernier comité",
];

/** FAST 14's demo: CP paid per demande de raccordement, 14 March then 12 September 2024 (issue 16). */
const COST_FAST14 = "Oui"; // more CP paid per demande in September than in March: flagged

describe("GET /pilotage/export", () => {
  for (const email of ["pilote@dinum.example.fr", "admin@suivi-fast.example.fr"]) {
    it(`answers ${email} with the whole portfolio as a French Excel CSV`, async () => {
      as(email);
      const response = await exportOf();
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="portefeuille-fast-2026-12-03.csv"`);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      const { bytes, text, records } = await csvOf(response);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(text.slice(1).split("\r\n")[0]).toBe(HEADER.join(";"));
      expect(records[0]).toEqual(HEADER);
      expect(records).toHaveLength(4);
      expect(records[1]).toEqual([
        "FAST14-FCU",
        "France Chaleur Urbaine",
        "DRIEAT",
        "Échue", // on the tests' day, 2026-12-03
        "31/12/2024",
        "121000,00",
        "121000,00",
        euros(engagedCents),
        euros(12_100_000n - engagedCents),
        "121000,00",
        "121000,00",
        euros(paidCents),
        euros(12_100_000n - paidCents),
        "0",
        "",
        "Non",
        "Non",
        "2",
        "0",
        "",
        COST_FAST14,
      ]);
      expect(records[2]).toEqual([
        "FAST16-DEMO",
        "Signalement Démo (fictive)",
        "DDT Démo",
        "En vigueur",
        "03/04/2027", // FAST16-DEMO ends four months after the tests' day (tests/support/test-clock.ts)
        "80000,00",
        "40000,00",
        "0,00",
        "40000,00",
        "80000,00",
        "40000,00",
        "0,00",
        "40000,00",
        "0",
        "",
        "Oui",
        "Non",
        "2",
        "0",
        "",
        "Non",
      ]);
      expect(records[3]).toEqual([
        "Total (2 conventions)",
        "",
        "",
        "",
        "",
        "201000,00",
        "161000,00",
        euros(engagedCents),
        euros(16_100_000n - engagedCents),
        "201000,00",
        "161000,00",
        euros(paidCents),
        euros(16_100_000n - paidCents),
        "0",
        "",
        "1",
        "0",
        "4",
        "0",
        "",
        "",
      ]);
    });
  }

  it("applies the page's filters and sort", async () => {
    as("pilote@dinum.example.fr");
    const late = (await csvOf(await exportOf("?bilan_en_retard=1"))).records;
    expect(late.map((r) => r[0])).toEqual(["Référence", "FAST16-DEMO", "Total (1 convention)"]);
    expect(late.at(-1)!.slice(5, 7)).toEqual(["80000,00", "40000,00"]);
    const sorted = (await csvOf(await exportOf("?tri=ae-dotation&ordre=asc"))).records;
    expect(sorted.map((r) => r[0])).toEqual(["Référence", "FAST16-DEMO", "FAST14-FCU", "Total (2 conventions)"]);
    const none = (await csvOf(await exportOf("?a_debloquer=1"))).records;
    expect(none).toEqual([HEADER, ["Total (0 convention)", "", "", "", "", ...Array(8).fill("0,00"), "0", "", "0", "0", "0", "0", "", ""]]);
    // Invalid params fall back to the defaults.
    const fallback = (await csvOf(await exportOf("?tri=%3Cscript%3E&ordre=haut&etat=PERDUE"))).records;
    expect(fallback).toHaveLength(4);
  });

  it("quotes what needs quoting and neutralises spreadsheet formulas", async () => {
    as("pilote@dinum.example.fr");
    await h.prisma.convention.update({ where: { reference: "FAST16-DEMO" }, data: { startupName: '=HYPERLINK("x";"Démo ; test")' } });
    try {
      const { text, records } = await csvOf(await exportOf("?q=FAST16"));
      expect(records[1]![1]).toBe(`'=HYPERLINK("x";"Démo ; test")`);
      expect(text).toContain(`"'=HYPERLINK(""x"";""Démo ; test"")"`);
    } finally {
      await h.prisma.convention.update({ where: { reference: "FAST16-DEMO" }, data: { startupName: "Signalement Démo (fictive)" } });
    }
  });

  for (const email of ["intrapreneur@drieat.example.fr", "intrapreneur@ddt-demo.example.fr", "gestionnaire@dnum-mte.example.fr"]) {
    it(`refuses ${email} with 403`, async () => {
      as(email);
      const response = await exportOf();
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect(await response.json()).toEqual({ code: "FORBIDDEN", erreur: expect.stringMatching(/^Accès refusé/) });
    });
  }

  it("answers anonymous visitors with 401", async () => {
    as(null);
    const response = await exportOf();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: "UNAUTHENTICATED", erreur: expect.any(String) });
  });
});
