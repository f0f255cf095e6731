// The final report of FAST 14 (ended on 2024-12-31): the délégataire submits, DINUM accepts, the convention
// is closed; the CSV export answers each role. Against the real database.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { formData as form } from "../../../tests/support/forms";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("../auth", () => ({ auth: vi.fn(async () => session.current) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { submitFinalReportAction, acceptFinalReportAction } = await import("./final-report");
const { recordEjAction, recordPaymentAction } = await import("./expenditures");
const { GET } = await import("../../app/conventions/[id]/compte-rendu/export/route");
const { listConventions } = await import("../repositories/conventions");

let database: TestDatabase;
const users: Record<string, string> = {};
let fast14 = "";
let fictive = "";

function as(email: string | null) {
  session.current = email ? { user: { id: users[email]! } } : null;
}
const report = (conventionId: string) =>
  form({ conventionId, progress: "Service en production, 30 collectivités accompagnées.", orderForecast: "Aucune commande supplémentaire.", budgetForecast: "Crédits consommés à 80 %." });
const exportCsv = (conventionId: string) => GET(new Request(`http://localhost/conventions/${conventionId}/compte-rendu/export`), { params: Promise.resolve({ id: conventionId }) });

beforeAll(async () => {
  database = await createTestDatabase();
  for (const u of await database.prisma.user.findMany()) users[u.email] = u.id;
  fast14 = (await database.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" } })).id;
  fictive = (await database.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST16-DEMO" } })).id;
  as("gestionnaire@dnum-mte.example.fr");
  const ej = { conventionId: fast14, chorusNumber: "1300245761", lineNumber: "1", orderedOn: "2024-03-18", supplierName: "Coopérative (démo)", object: "Produit", amount: "96 000" };
  expect(await recordEjAction(null, form(ej))).toMatchObject({ ok: true });
  const ejId = (await database.prisma.engagementJuridique.findFirstOrThrow({ where: { conventionId: fast14 } })).id;
  expect(await recordPaymentAction(null, form({ conventionId: fast14, ejId, dpNumber: "100245001", paidOn: "2024-06-27", amount: "32 000,50" }))).toMatchObject({ ok: true });
});
afterAll(() => database.close());

describe("the final report", () => {
  it("is submitted by the délégataire only, and not before term", async () => {
    for (const email of ["pilote@dinum.example.fr", "intrapreneur@drieat.example.fr", "admin@suivi-fast.example.fr"]) {
      as(email);
      expect(await submitFinalReportAction(null, report(fast14))).toMatchObject({ ok: false, message: expect.stringMatching(/Accès refusé/) });
    }
    as("gestionnaire@sg-demo.example.fr");
    expect(await submitFinalReportAction(null, report(fictive))).toMatchObject({ ok: false, message: expect.stringContaining("se remet au terme de la convention") });
    as("gestionnaire@dnum-mte.example.fr");
    expect(await submitFinalReportAction(null, form({ conventionId: fast14, progress: "", orderForecast: "x", budgetForecast: "y" }))).toMatchObject({ ok: false, fieldErrors: { progress: expect.any(String) } });
    expect(await database.prisma.finalReport.count()).toBe(0);
  });

  it("is accepted by DINUM (latest submission only), which closes the convention", async () => {
    as("gestionnaire@dnum-mte.example.fr");
    expect(await submitFinalReportAction(null, report(fast14))).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 5));
    expect(await submitFinalReportAction(null, report(fast14))).toMatchObject({ ok: true });
    const [latest, first] = await database.prisma.finalReport.findMany({ where: { conventionId: fast14 }, orderBy: { submittedAt: "desc" } });
    as("gestionnaire@dnum-mte.example.fr");
    expect(await acceptFinalReportAction(null, form({ conventionId: fast14, reportId: latest!.id }))).toMatchObject({ ok: false, message: expect.stringMatching(/Accès refusé/) });
    as("pilote@dinum.example.fr");
    expect(await acceptFinalReportAction(null, form({ conventionId: fast14, reportId: first!.id }))).toMatchObject({ ok: false, message: expect.stringContaining("Seul le dernier") });
    expect(await acceptFinalReportAction(null, form({ conventionId: fast14, reportId: latest!.id }))).toMatchObject({ ok: true });
    const actor = { userId: users["pilote@dinum.example.fr"]!, organisationId: (await database.prisma.user.findUniqueOrThrow({ where: { id: users["pilote@dinum.example.fr"]! } })).organisationId, role: "PILOTE_FAST" as const };
    expect((await listConventions(actor)).find((c) => c.id === fast14)!.state).toBe("CLOTUREE");
    expect(await acceptFinalReportAction(null, form({ conventionId: fast14, reportId: latest!.id }))).toMatchObject({ ok: false, message: expect.stringContaining("déjà été accepté") });
    as("gestionnaire@dnum-mte.example.fr");
    expect(await submitFinalReportAction(null, report(fast14))).toMatchObject({ ok: false, message: expect.stringContaining("déjà été accepté") });
    const late = { conventionId: fast14, chorusNumber: "1300245799", lineNumber: "1", orderedOn: "2024-05-02", supplierName: "Tardif", object: "Oubli", amount: "10" };
    expect(await recordEjAction(null, form(late))).toMatchObject({ ok: false, message: expect.stringContaining("La convention est clôturée") });
  });

  it("exports its figures as CSV to the parties, exact to the cent", async () => {
    as("intrapreneur@drieat.example.fr");
    const response = await exportCsv(fast14);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(Buffer.from(bytes), { bom: true, delimiter: ";" });
    expect(rows[0]).toEqual(["Section", "Référence", "Libellé", "AE engagés (€)", "CP payés (€)", "Reste (€)"]);
    expect(rows.find((r) => r[0] === "Total")).toEqual(["Total", "", "", "96000,00", "32000,50", "63999,50"]);
    expect(rows.filter((r) => r[0] === "Mois").map((r) => r[2])).toEqual(["mars 2024", "juin 2024"]);

    as("intrapreneur@ddt-demo.example.fr");
    expect((await exportCsv(fast14)).status).toBe(403);
    as(null);
    expect((await exportCsv(fast14)).status).toBe(401);
  });
});
