-- CreateEnum
CREATE TYPE "committee_decision" AS ENUM ('POURSUITE', 'POURSUITE_SOUS_CONDITIONS', 'PIVOT', 'ARRET');

-- AlterTable
ALTER TABLE "indicator" ADD COLUMN     "is_usage_measure" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "investment_committee" ADD COLUMN     "budget_asked_ae_cents" BIGINT,
ADD COLUMN     "budget_asked_cp_cents" BIGINT,
ADD COLUMN     "conditions" TEXT,
ADD COLUMN     "conditions_due_on" DATE,
ADD COLUMN     "conditions_met_note" TEXT,
ADD COLUMN     "conditions_met_on" DATE,
ADD COLUMN     "decision_kind" "committee_decision",
ADD COLUMN     "sponsor_attended" BOOLEAN;

-- AlterTable
ALTER TABLE "mid_term_review" ADD COLUMN     "committee_id" UUID;

-- CreateTable
CREATE TABLE "launch_ambition" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "indicator_id" UUID NOT NULL,
    "target" DECIMAL(20,4) NOT NULL,
    "target_on" DATE NOT NULL,
    "statement" TEXT NOT NULL,
    "recorded_on" DATE NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "launch_ambition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "launch_ambition_convention_id_recorded_at_idx" ON "launch_ambition"("convention_id", "recorded_at");

-- AddForeignKey
ALTER TABLE "mid_term_review" ADD CONSTRAINT "mid_term_review_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "investment_committee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "launch_ambition" ADD CONSTRAINT "launch_ambition_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "launch_ambition" ADD CONSTRAINT "launch_ambition_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "launch_ambition" ADD CONSTRAINT "launch_ambition_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written. Existing committees keep their free-text decision; their decision_kind stays NULL (not guessed
-- from the text): the tranche status reads only decisions recorded as data, as it read none before.
-- A "poursuite sous conditions" says which conditions and by when (on or after the committee); other decisions
-- have none; conditions are met on or after their committee.
ALTER TABLE "investment_committee" ADD CONSTRAINT "investment_committee_conditions_check" CHECK (
  CASE WHEN "decision_kind" = 'POURSUITE_SOUS_CONDITIONS'
    THEN "conditions" IS NOT NULL AND "conditions_due_on" IS NOT NULL AND "conditions_due_on" >= "held_on"
    ELSE "conditions" IS NULL AND "conditions_due_on" IS NULL AND "conditions_met_on" IS NULL
  END
);
ALTER TABLE "investment_committee" ADD CONSTRAINT "investment_committee_conditions_met_check" CHECK ("conditions_met_on" IS NULL OR "conditions_met_on" >= "held_on");
ALTER TABLE "investment_committee" ADD CONSTRAINT "investment_committee_budget_check" CHECK (
  ("budget_asked_ae_cents" IS NULL OR "budget_asked_ae_cents" >= 0) AND ("budget_asked_cp_cents" IS NULL OR "budget_asked_cp_cents" >= 0)
);
ALTER TABLE "launch_ambition" ADD CONSTRAINT "launch_ambition_target_check" CHECK ("target" >= 0);
