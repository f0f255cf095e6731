import "server-only";
// A generated document as a download: its bytes, its type, and a name the browser saves it under.
import { renderDocx } from "./docx";
import { renderPdf } from "./pdf";
import type { DocumentModel } from "@/domain/convention-document";

export type DocumentFormat = "docx" | "pdf";

const TYPES: Record<DocumentFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

export async function renderDocument(model: DocumentModel, format: DocumentFormat): Promise<Buffer> {
  return format === "docx" ? renderDocx(model) : renderPdf(model);
}

export async function documentResponse(model: DocumentModel, format: DocumentFormat): Promise<Response> {
  const bytes = await renderDocument(model, format);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${model.fileBase}.${format}"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
