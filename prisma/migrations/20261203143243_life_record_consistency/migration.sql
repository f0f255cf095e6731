-- Issue 19: a termination notice may be a regularisation (DINUM, with its reason) and may be withdrawn before
-- it takes effect; a party notice keeps its year, its credit type and who answered it.

-- AlterTable
ALTER TABLE "party_notice" ADD COLUMN     "answered_by_id" UUID,
ADD COLUMN     "credit_type" "credit_type",
ADD COLUMN     "year" INTEGER;

-- AlterTable
ALTER TABLE "termination_notice" ADD COLUMN     "regularisation_reason" TEXT,
ADD COLUMN     "withdrawn_by_id" UUID,
ADD COLUMN     "withdrawn_on" DATE;

-- AddForeignKey
ALTER TABLE "termination_notice" ADD CONSTRAINT "termination_notice_withdrawn_by_id_fkey" FOREIGN KEY ("withdrawn_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_notice" ADD CONSTRAINT "party_notice_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
