import "server-only";
// The document model (src/domain/convention-document.ts) as an editable Word file, with the docx library:
// Word's own heading styles (so the articles appear in the navigation pane), bullets as real lists, tables
// with a header row, one paragraph per signatory. Nothing is laid out by hand: the parties correct it in Word.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { Block, DocumentModel, Run } from "@/domain/convention-document";

const runs = (list: readonly Run[]) => list.map((r) => new TextRun({ text: r.text, bold: r.bold }));

function cell(text: string, header: boolean): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] });
}

function render(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case "title":
      return [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(block.text)] })];
    case "heading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(block.text)] })];
    case "subheading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(block.text)] })];
    case "paragraph":
      return [new Paragraph({ alignment: block.align === "center" ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, spacing: { after: 120 }, children: runs(block.runs) })];
    case "bullets":
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 60 }, children: runs(item) }));
    case "table":
      return [
        new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: block.header.map((h) => cell(h, true)) }),
            ...block.rows.map((row) => new TableRow({ children: row.map((c) => cell(c, false)) })),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    case "signatures":
      return block.lines.map((line) => new Paragraph({ spacing: { before: 360, after: 720 }, children: [new TextRun({ text: line, bold: true })] }));
  }
}

/** The .docx bytes of a document model. */
export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const document = new Document({
    title: model.title,
    creator: "Suivi FAST",
    description: model.title,
    styles: { default: { document: { run: { font: "Marianne", size: 21 } } } },
    sections: [{ children: model.blocks.flatMap(render) }],
  });
  return Packer.toBuffer(document);
}
