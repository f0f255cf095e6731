// An avenant as a PDF, generated from its recorded changes (src/domain/convention-document.ts).
import { avenantDocumentRoute } from "@/server/documents/routes";

export const dynamic = "force-dynamic";
export const GET = avenantDocumentRoute("pdf");
