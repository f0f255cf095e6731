// The final report of FAST 14 (ended on 2024-12-31): the délégataire submits, DINUM accepts, the convention
// is closed; the CSV export answers each role. Against the real database, on top of FAST 14's demo
// expenditure (prisma/seed/fast14-expenditures.ts): the expected figures are computed from it.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import { actionHarness, formData as form, SEEDED } from "../../../tests/support/action-harness";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureTotals } from "../../../prisma/seed/fast14-expenditures";
import { formatMonth } from "@/domain/final-report";
import { centsToFrenchDecimal } from "@/domain/money";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { submitFinalReportAction, acceptFinalReportAction } = await import("./final-report");
const { recordEjAction, recordPaymentAction, recordServiceFaitAction } = await import("./expenditures");
const { GET } = await import("../../app/conventions/[id]/compte-rendu/export/route");
const { listConventions } = await import("../repositories/conventions");

const h = actionHarness();
const as = h.signInAs;
const fast14 = h.seeded(SEEDED.FAST14);
const fictive = h.seeded(SEEDED.FAST16_DEMO);

const report = (conventionId: string) =>
  form({ conventionId, progress: "Service en production, 30 collectivités accompagnées.", orderForecast: "Aucune commande supplémentaire.", budgetForecast: "Crédits consommés à 80 %." });
const exportCsv = (conventionId: string) => GET(new Request(`http://localhost/conventions/${conventionId}/compte-rendu/export`), { params: Promise.resolve({ id: conventionId }) });

beforeAll(async () => {
  as("gestionnaire@dnum-mte.example.fr");
  // One more EJ, its service fait and a payment on it, typed in before the report, on top of the demo's.
  const ej = { conventionId: fast14.id, chorusNumber: "1300245761", lineNumber: "1", orderedOn: "2024-03-18", supplierName: "Coopérative (démo)", object: "Produit", amount: "9 600" };
  expect(await recordEjAction(null, form(ej))).toMatchObject({ ok: true });
  const ejId = (await h.prisma.engagementJuridique.findFirstOrThrow({ where: { conventionId: fast14.id, chorusNumber: "1300245761" } })).id;
  expect(await recordServiceFaitAction(null, form({ conventionId: fast14.id, ejId, doneOn: "2024-08-20", reference: "SF-245761", amount: "3 200,50" }))).toMatchObject({ ok: true });
  expect(await recordPaymentAction(null, form({ conventionId: fast14.id, ejId, dpNumber: "100245001", paidOn: "2024-08-27", amount: "3 200,50" }))).toMatchObject({ ok: true });
});

describe("the final report", () => {
  it("is submitted by the délégataire only, and not before term", async () => {
    for (const email of ["pilote@dinum.example.fr", "intrapreneur@drieat.example.fr", "admin@suivi-fast.example.fr"]) {
      as(email);
      expect(await submitFinalReportAction(null, report(fast14.id))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    as("gestionnaire@sg-demo.example.fr");
    expect(await submitFinalReportAction(null, report(fictive.id))).toMatchObject({ ok: false, code: "REPORT_NOT_YET_DUE" });
    as("gestionnaire@dnum-mte.example.fr");
    expect(await submitFinalReportAction(null, form({ conventionId: fast14.id, progress: "", orderForecast: "x", budgetForecast: "y" }))).toMatchObject({ ok: false, fieldErrors: { progress: expect.any(String) } });
    expect(await h.prisma.finalReport.count()).toBe(0);
  });

  it("is accepted by DINUM (latest submission only), which closes the convention", async () => {
    as("gestionnaire@dnum-mte.example.fr");
    expect(await submitFinalReportAction(null, report(fast14.id))).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 5));
    expect(await submitFinalReportAction(null, report(fast14.id))).toMatchObject({ ok: true });
    const [latest, first] = await h.prisma.finalReport.findMany({ where: { conventionId: fast14.id }, orderBy: { submittedAt: "desc" } });
    as("gestionnaire@dnum-mte.example.fr");
    expect(await acceptFinalReportAction(null, form({ conventionId: fast14.id, reportId: latest!.id }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    as("pilote@dinum.example.fr");
    expect(await acceptFinalReportAction(null, form({ conventionId: fast14.id, reportId: first!.id }))).toMatchObject({ ok: false, code: "REPORT_NOT_LATEST" });
    expect(await acceptFinalReportAction(null, form({ conventionId: fast14.id, reportId: latest!.id }))).toMatchObject({ ok: true });
    expect((await listConventions(h.actor("pilote@dinum.example.fr"))).find((c) => c.id === fast14.id)!.state).toBe("CLOTUREE");
    expect(await acceptFinalReportAction(null, form({ conventionId: fast14.id, reportId: latest!.id }))).toMatchObject({ ok: false, code: "REPORT_ALREADY_ACCEPTED" });
    as("gestionnaire@dnum-mte.example.fr");
    expect(await submitFinalReportAction(null, report(fast14.id))).toMatchObject({ ok: false, code: "REPORT_ALREADY_ACCEPTED" });
    const late = { conventionId: fast14.id, chorusNumber: "1300245799", lineNumber: "1", orderedOn: "2024-05-02", supplierName: "Tardif", object: "Oubli", amount: "10" };
    expect(await recordEjAction(null, form(late))).toMatchObject({ ok: false, code: "CONVENTION_CLOSED" });
  });

  it("exports its figures as CSV to the parties, exact to the cent", async () => {
    as("intrapreneur@drieat.example.fr");
    const response = await exportCsv(fast14.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(Buffer.from(bytes), { bom: true, delimiter: ";" });
    expect(rows[0]).toEqual(["Section", "Référence", "Libellé", "AE engagés (€)", "CP payés (€)", "Reste (€)"]);
    const demo = demoExpenditureTotals(FAST14_DEMO_EXPENDITURES);
    const engaged = demo.engagedCents + 960_000n;
    const paid = demo.paidCents + 320_050n;
    expect(rows.find((r) => r[0] === "Total")).toEqual(["Total", "", "", centsToFrenchDecimal(engaged), centsToFrenchDecimal(paid), centsToFrenchDecimal(engaged - paid)]);
    // Every month with an AE or CP line: the demo's, and those of the EJ (March) and payment (August) above.
    const months = new Set(["2024-03", "2024-08"]);
    for (const e of FAST14_DEMO_EXPENDITURES) {
      for (const on of [e.orderedOn, ...e.movements.map((m) => m.movedOn), ...e.payments.map((p) => p.paidOn)]) months.add(on.slice(0, 7));
    }
    expect(rows.filter((r) => r[0] === "Mois").map((r) => r[2])).toEqual([...months].sort().map(formatMonth));
    // One line per EJ line (the demo's and the one above), adding up to the total to the cent.
    const ejRows = rows.filter((r) => r[0] === "Engagement juridique");
    expect(ejRows).toHaveLength(FAST14_DEMO_EXPENDITURES.length + 1);
    const cents = (v: string) => BigInt(v.replace(",", ""));
    expect(ejRows.reduce((a, r) => a + cents(r[3]!), 0n)).toBe(engaged);
    expect(ejRows.reduce((a, r) => a + cents(r[4]!), 0n)).toBe(paid);
    // The months add up to the same totals.
    const monthRows = rows.filter((r) => r[0] === "Mois");
    expect(monthRows.reduce((a, r) => a + cents(r[3]!), 0n)).toBe(engaged);
    expect(monthRows.reduce((a, r) => a + cents(r[4]!), 0n)).toBe(paid);

    as("intrapreneur@ddt-demo.example.fr");
    expect((await exportCsv(fast14.id)).status).toBe(403);
    as(null);
    expect((await exportCsv(fast14.id)).status).toBe(401);
  });
});
