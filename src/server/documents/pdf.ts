import "server-only";
// The document model (src/domain/convention-document.ts) as a PDF, with pdfkit in Node (no office suite):
// A4, the DSFR's Marianne font embedded (the package ships it; its subsets carry a ToUnicode map, so the
// text can be searched and copied), the same blocks as the Word file in the same order.
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { Block, DocumentModel, Run } from "@/domain/convention-document";

const FONTS = path.join(process.cwd(), "node_modules", "@codegouvfr", "react-dsfr", "dsfr", "fonts");
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= { regular: readFileSync(path.join(FONTS, "Marianne-Regular.woff")), bold: readFileSync(path.join(FONTS, "Marianne-Bold.woff")) };
  return fonts;
}

const MARGIN = 56;

/**
 * Text as the embedded font can draw it: Marianne has no narrow no-break space (Intl's thousands separator
 * in French), so it becomes a no-break space; a run's leading spaces move to the end of the run before it,
 * since pdfkit drops the leading spaces of a continued run.
 */
export function pdfRuns(list: readonly Run[]): Run[] {
  const out = list.map((r) => ({ ...r, text: r.text.replace(/\u202f/g, "\u00a0") }));
  for (let i = 1; i < out.length; i++) {
    const lead = /^\s+/.exec(out[i]!.text)?.[0];
    if (lead) {
      out[i - 1]!.text += lead;
      out[i]!.text = out[i]!.text.slice(lead.length);
    }
  }
  return out.filter((r, i) => r.text !== "" || i === out.length - 1);
}

const clean = (text: string) => text.replace(/\u202f/g, "\u00a0");

function writeRuns(doc: PDFKit.PDFDocument, list: readonly Run[], options: PDFKit.Mixins.TextOptions) {
  const runs = pdfRuns(list);
  runs.forEach((run, i) => {
    doc.font(run.bold ? "bold" : "regular").text(run.text, { ...options, continued: i < runs.length - 1 });
  });
  if (list.length === 0) doc.text("");
}

function writeTable(doc: PDFKit.PDFDocument, block: Extract<Block, { kind: "table" }>) {
  const width = doc.page.width - 2 * MARGIN;
  const columns = block.header.length;
  const colWidth = width / columns;
  doc.font("regular").fontSize(9).text(block.caption, MARGIN, doc.y, { oblique: true });
  doc.moveDown(0.3);
  const row = (cells: string[], bold: boolean) => {
    const top = doc.y;
    if (top > doc.page.height - MARGIN - 40) doc.addPage();
    const y = doc.y;
    let bottom = y;
    cells.forEach((c, i) => {
      doc.font(bold ? "bold" : "regular").fontSize(10).text(clean(c), MARGIN + i * colWidth + 4, y + 3, { width: colWidth - 8, lineBreak: true });
      bottom = Math.max(bottom, doc.y + 3);
    });
    doc.rect(MARGIN, y, width, bottom - y).lineWidth(0.5).stroke("#666666");
    for (let i = 1; i < columns; i++) doc.moveTo(MARGIN + i * colWidth, y).lineTo(MARGIN + i * colWidth, bottom).stroke("#666666");
    doc.x = MARGIN;
    doc.y = bottom;
  };
  row(block.header, true);
  for (const r of block.rows) row(r, false);
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

function write(doc: PDFKit.PDFDocument, block: Block) {
  doc.x = MARGIN;
  switch (block.kind) {
    case "title":
      doc.font("bold").fontSize(15).text(clean(block.text), { align: "center" });
      doc.moveDown(1);
      return;
    case "heading":
      // A heading never ends a page alone.
      if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
      doc.moveDown(0.6);
      doc.font("bold").fontSize(12).text(clean(block.text));
      doc.moveDown(0.4);
      return;
    case "subheading":
      doc.moveDown(0.3);
      doc.font("bold").fontSize(10.5).text(clean(block.text));
      doc.moveDown(0.2);
      return;
    case "paragraph":
      doc.fontSize(10);
      // pdfkit justifies each run of a line on its own: mixed bold and regular text reads better left-aligned.
      writeRuns(doc, block.runs, { align: block.align === "center" ? "center" : block.runs.length === 1 ? "justify" : "left" });
      doc.moveDown(0.5);
      return;
    case "bullets":
      doc.fontSize(10);
      for (const item of block.items) {
        // The dash and the first line of its item stay on one page.
        if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
        const y = doc.y;
        doc.font("regular").text("–", MARGIN + 6, y, { lineBreak: false });
        doc.x = MARGIN + 20;
        doc.y = y;
        writeRuns(doc, item, { align: item.length === 1 ? "justify" : "left", width: doc.page.width - 2 * MARGIN - 20 });
        doc.moveDown(0.25);
      }
      doc.x = MARGIN;
      doc.moveDown(0.3);
      return;
    case "table":
      writeTable(doc, block);
      return;
    case "signatures":
      doc.moveDown(0.5);
      for (const line of block.lines) {
        if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
        doc.font("bold").fontSize(10).text(clean(line));
        doc.moveDown(3);
      }
      return;
  }
}

/** The PDF bytes of a document model. */
export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: model.title, Creator: "Suivi FAST" }, lang: "fr-FR", displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  for (const block of model.blocks) write(doc, block);
  doc.end();
  return ended;
}
