-- The day DINUM sent the signed convention's copy to the CBCM (asked before publishing it, article 7).
-- AlterTable
ALTER TABLE "convention" ADD COLUMN     "cbcm_copy_sent_on" DATE;

-- A copy to the CBCM follows the signature (src/domain/convention-drafts.ts, checkPublish).
ALTER TABLE "convention" ADD CONSTRAINT "convention_cbcm_copy_after_signature" CHECK ("cbcm_copy_sent_on" IS NULL OR ("signed_on" IS NOT NULL AND "cbcm_copy_sent_on" >= "signed_on"));
