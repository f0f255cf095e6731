// Golden test of the generated convention: FAST 14's record, rendered as .docx and as PDF through the routes
// the parties download, read back (the Word file unzipped and its XML's text runs joined; the PDF's text
// extracted with pdf.js), states every fact of the signed text (shared/seeds/000_08ebe254055c2c66.txt):
// parties and representatives, addresses, 121 000 € in figures and in words, 50 %/50 %, the dates, the
// CHORUS references, the term. Then an avenant's document from its recorded changes, and who may download.
import { existsSync, readFileSync } from "node:fs";
import JSZip from "jszip";
import { describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, SEEDED } from "../../../tests/support/action-harness";
import { avenantChangesToJson, avenantChangesSchema } from "@/domain/terms";
import { FACTS, GENERATED_FORM, normalise, SOURCE } from "../../../tests/fixtures/fast14-signed-text";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));

const docxRoute = await import("@/app/conventions/[id]/document.docx/route");
const pdfRoute = await import("@/app/conventions/[id]/document.pdf/route");
const avenantDocx = await import("@/app/conventions/[id]/avenants/[avenantId]/document.docx/route");
const avenantPdf = await import("@/app/conventions/[id]/avenants/[avenantId]/document.pdf/route");

const h = actionHarness();
const fast14 = h.seeded(SEEDED.FAST14);
const demo = h.seeded(SEEDED.FAST16_DEMO);

const req = (path: string) => new Request(`http://localhost${path}`);
const get = (route: { GET: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response> }, id: string) =>
  route.GET(req(`/conventions/${id}/document`), { params: Promise.resolve({ id }) });

async function docxText(bytes: ArrayBuffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  // Each paragraph's text runs, joined; paragraphs on their own line.
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .join("\n")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
  }
  return pages.join("\n");
}

describe("FAST 14's convention, generated from its record", () => {
  it.skipIf(!existsSync(SOURCE))("every fact is in the signed text", () => {
    const seed = normalise(readFileSync(SOURCE, "utf8"));
    for (const fact of FACTS) expect(seed.toLowerCase(), fact).toContain(normalise(fact).toLowerCase());
    // The two 50 % tranches and the amount, in the signed text's own words.
    expect(seed).toMatch(/50% du montant de la subvention seront versés dès la signature/);
    expect(seed).toMatch(/Les 50% restants seront débloqués suite au bilan de mi-parcours/);
    expect(seed).toMatch(/2024 121 000 € 121 000 €/);
  });

  for (const [format, route, read] of [
    ["docx", docxRoute, docxText],
    ["pdf", pdfRoute, pdfText],
  ] as const) {
    it(`the .${format} states every fact, the amounts in figures and in words`, async () => {
      h.signInAs(ACCOUNTS.FAST14_PARTNER);
      const response = await get(route, fast14.id);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="convention-FAST14-FCU.${format}"`);
      const bytes = await response.arrayBuffer();
      if (format === "pdf") expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
      else expect(new TextDecoder().decode(bytes.slice(0, 2))).toBe("PK");
      const text = normalise(await read(bytes));
      for (const fact of FACTS) expect(text, fact).toContain(normalise(GENERATED_FORM[fact] ?? fact));
      // Figures and words, side by side: the FAST co-financing, the AE and the CP of 2024.
      expect(text).toContain("121 000 € (cent vingt et un mille euros)");
      expect(text).toMatch(/Soit au total 121 000 € \(cent vingt et un mille euros\) en autorisations d'engagement et 121 000 € \(cent vingt et un mille euros\) en crédits de paiement/);
      // The credits table: 2024, AE, CP.
      expect(text).toMatch(/2024 ?121 000 € ?121 000 €/);
      // 50 % at signature, 50 % after the mid-term review, due by the end of April.
      expect(text).toMatch(/50% du montant seront mis à disposition dès la signature de la convention/);
      expect(text).toMatch(/50% restants seront débloqués suite au bilan de mi-parcours avec l'équipe FAST \(au plus tard le 30 avril 2024\)/);
      // The obligations register, article by article; the signatories.
      expect(text).toContain("Nommer un ou une intrapreneur");
      expect(text).toContain("Demander le paramétrage des habilitations CHORUS dès la signature");
      expect(text).toContain("Rendre compte au délégant au terme de la convention");
      expect(text).toContain("Le partenaire, Emmanuelle Gay, Directrice");
      expect(text).toContain("La DINUM, Stéphanie Schaer, Directrice interministérielle du numérique");
      expect(text).toContain("Le délégataire, Arnaud Beaufort, Directeur du numérique");
      // Each party's recorded signature: the seed signs FAST 14 on the day its text says.
      expect(text).toContain("Le partenaire, Emmanuelle Gay, Directrice, signé le 29 février 2024");
      expect(text).toContain("La DINUM, Stéphanie Schaer, Directrice interministérielle du numérique, signé le 29 février 2024");
      // Articles in the model's order.
      const articles = [1, 2, 3, 4, 5, 6, 7].map((n) => text.indexOf(`Article ${n} :`));
      expect(articles.every((at) => at >= 0)).toBe(true);
      expect([...articles].sort((a, b) => a - b)).toEqual(articles);
    });
  }

  it("the .docx and the PDF say the same thing", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const words = (s: string) => normalise(s).replace(/[–-]/g, "").split(" ").filter(Boolean);
    const docx = words(await docxText(await (await get(docxRoute, fast14.id)).arrayBuffer()));
    const pdf = words(await pdfText(await (await get(pdfRoute, fast14.id)).arrayBuffer()));
    // pdf.js may split a word at a line's end: compare the joined letters.
    expect(pdf.join("")).toBe(docx.join(""));
  });

  it("is downloaded by the parties only", async () => {
    for (const who of [ACCOUNTS.PILOTE, ACCOUNTS.FAST14_PARTNER, ACCOUNTS.FAST14_GESTIONNAIRE, ACCOUNTS.ADMIN]) {
      h.signInAs(who);
      expect((await get(pdfRoute, fast14.id)).status, who).toBe(200);
    }
    h.signInAs(ACCOUNTS.DEMO_PARTNER);
    expect((await get(docxRoute, fast14.id)).status).toBe(403);
    h.signInAs(null);
    expect((await get(pdfRoute, fast14.id)).status).toBe(401);
    h.signInAs(ACCOUNTS.DEMO_PARTNER);
    expect((await get(pdfRoute, demo.id)).status).toBe(200);
  });
});

describe("an avenant's document, from its recorded changes", () => {
  it("states the avenant's object and every change, figures and words", async () => {
    const changes = avenantChangesSchema.parse({
      endsOn: "2025-06-30",
      credits: [{ year: 2024, aeCents: "15000000", cpCents: "14000000" }],
      tranches: [{ year: 2024, creditType: "AE", shares: [{ rank: 1, shareBasisPoints: 6000, trigger: "SIGNATURE" }, { rank: 2, shareBasisPoints: 4000, trigger: "MID_TERM_REVIEW" }] }],
    });
    const avenant = await h.prisma.avenant.create({
      data: {
        conventionId: fast14.id,
        number: 7,
        signedOn: new Date("2024-10-01"),
        object: "Prolonger la convention et porter les crédits de 2024 à 150 000 € en AE.",
        changes: avenantChangesToJson(changes),
        recordedById: h.actor(ACCOUNTS.PILOTE).userId,
      },
    });
    h.signInAs(ACCOUNTS.FAST14_GESTIONNAIRE);
    const params = { params: Promise.resolve({ id: fast14.id, avenantId: avenant.id }) };
    for (const [format, route, read] of [
      ["docx", avenantDocx, docxText],
      ["pdf", avenantPdf, pdfText],
    ] as const) {
      const response = await route.GET(req("/"), params);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="avenant-7-FAST14-FCU.${format}"`);
      const text = normalise(await read(await response.arrayBuffer()));
      expect(text).toContain("Avenant n° 7 à la convention de délégation de gestion FAST 14 | France Chaleur Urbaine");
      expect(text).toContain("Prolonger la convention et porter les crédits de 2024 à 150 000 € en AE.");
      expect(text).toContain("signée le 29 février 2024");
      expect(text).toContain("La convention est conclue jusqu'au 30 juin 2025.");
      expect(text).toContain("AE 2024 : 150 000 € (cent cinquante mille euros)");
      expect(text).toContain("CP 2024 : 140 000 € (cent quarante mille euros)");
      expect(text).toMatch(/60% du montant seront mis à disposition dès la signature/);
      expect(text).toMatch(/40% restants seront débloqués suite au bilan de mi-parcours/);
      expect(text).toContain("Représentée par Emmanuelle Gay, Directrice");
      expect(text).toContain("Fait à Paris, le 1er octobre 2024");
    }
    // The convention's own document now lists it.
    const convention = normalise(await docxText(await (await get(docxRoute, fast14.id)).arrayBuffer()));
    expect(convention).toContain("Avenant n° 7 du 1er octobre 2024 : Prolonger la convention");
    // Unknown avenant, or another convention's: 404; not a party: 403.
    const other = { params: Promise.resolve({ id: demo.id, avenantId: avenant.id }) };
    h.signInAs(ACCOUNTS.PILOTE);
    expect((await avenantPdf.GET(req("/"), other)).status).toBe(404);
    expect((await avenantPdf.GET(req("/"), { params: Promise.resolve({ id: fast14.id, avenantId: "pas-un-uuid" }) })).status).toBe(404);
    h.signInAs(ACCOUNTS.DEMO_GESTIONNAIRE);
    expect((await avenantDocx.GET(req("/"), params)).status).toBe(403);
  });
});
