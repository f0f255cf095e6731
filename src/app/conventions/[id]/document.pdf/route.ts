// The convention as a PDF, generated from the record (src/domain/convention-document.ts).
import { conventionDocumentRoute } from "@/server/documents/routes";

export const dynamic = "force-dynamic";
export const GET = conventionDocumentRoute("pdf");
