-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('PILOTE_FAST', 'INTRAPRENEUR', 'GESTIONNAIRE', 'ADMIN');

-- CreateEnum
CREATE TYPE "party_role" AS ENUM ('DELEGANT', 'PARTENAIRE', 'DELEGATAIRE');

-- CreateEnum
CREATE TYPE "credit_type" AS ENUM ('AE', 'CP');

-- CreateEnum
CREATE TYPE "tranche_trigger" AS ENUM ('SIGNATURE', 'MID_TERM_REVIEW');

-- CreateEnum
CREATE TYPE "mobilisation_verdict" AS ENUM ('SATISFAISANTE', 'INSUFFISANTE');

-- CreateEnum
CREATE TYPE "impact_level" AS ENUM ('UTILISABLE', 'UTILISE', 'UTILE', 'IMPACT', 'EFFICIENT');

-- CreateEnum
CREATE TYPE "obligation_kind" AS ENUM ('PONCTUELLE', 'RECURRENTE', 'CONTINUE');

-- CreateEnum
CREATE TYPE "obligation_status" AS ENUM ('A_FAIRE', 'EN_COURS', 'RESPECTEE', 'SANS_OBJET');

-- CreateEnum
CREATE TYPE "record_source" AS ENUM ('SAISIE', 'IMPORT');

-- CreateEnum
CREATE TYPE "ej_movement_kind" AS ENUM ('INITIAL', 'AUGMENTATION', 'REDUCTION', 'CONTRE_PASSATION');

-- CreateEnum
CREATE TYPE "notice_kind" AS ENUM ('CREDITS_INSUFFISANTS', 'CREDITS_NON_CONSOMMES');

-- CreateTable
CREATE TABLE "organisation" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "sirets" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "representative" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "full_name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "since" DATE,
    "until" DATE,

    CONSTRAINT "representative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "role" "user_role" NOT NULL,
    "organisation_id" UUID NOT NULL,
    "password_hash" TEXT,
    "proconnect_sub" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "convention" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "fast_call" TEXT NOT NULL,
    "startup_name" TEXT NOT NULL,
    "startup_slug" TEXT NOT NULL,
    "fast_funding_cents" BIGINT NOT NULL,
    "signed_on" DATE,
    "signed_at" TEXT,
    "ends_on" DATE NOT NULL,
    "legal_basis" TEXT[],
    "purpose" TEXT NOT NULL,
    "marche" TEXT NOT NULL,
    "bop" TEXT NOT NULL,
    "bop_label" TEXT NOT NULL,
    "domaine_fonctionnel" TEXT NOT NULL,
    "centre_financier" TEXT NOT NULL,
    "activite" TEXT NOT NULL,
    "centre_de_cout" TEXT NOT NULL,
    "comptable_assignataire" TEXT NOT NULL,
    "mid_term_review_due_on" DATE,
    "co_financing_cents" BIGINT,
    "co_financing_due_months" INTEGER,
    "termination_notice_months" INTEGER NOT NULL DEFAULT 3,
    "intrapreneur_name" TEXT,
    "sponsor_name" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "publication_url" TEXT,
    "data_gouv_url" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "convention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "convention_party" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "role" "party_role" NOT NULL,
    "designation" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "representative_name" TEXT NOT NULL,
    "representative_title" TEXT NOT NULL,

    CONSTRAINT "convention_party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_allocation" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "ae_cents" BIGINT NOT NULL,
    "cp_cents" BIGINT NOT NULL,

    CONSTRAINT "credit_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tranche" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "credit_type" "credit_type" NOT NULL,
    "rank" INTEGER NOT NULL,
    "share_basis_points" INTEGER NOT NULL,
    "trigger" "tranche_trigger" NOT NULL,

    CONSTRAINT "tranche_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tranche_release" (
    "id" UUID NOT NULL,
    "tranche_id" UUID NOT NULL,
    "released_on" DATE NOT NULL,
    "amount_cents" BIGINT NOT NULL,
    "released_by_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tranche_release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mid_term_review" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "reviewed_on" DATE NOT NULL,
    "verdict" "mobilisation_verdict" NOT NULL,
    "comments" TEXT NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mid_term_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "investment_committee" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "held_on" DATE NOT NULL,
    "chaired_by" TEXT NOT NULL,
    "dinum_invited" BOOLEAN NOT NULL,
    "dinum_attended" BOOLEAN NOT NULL,
    "decision" TEXT NOT NULL,
    "orientation" TEXT NOT NULL,
    "minutes_url" TEXT,
    "dev_days_per_week_tenths" INTEGER,
    "deploy_days_per_week_tenths" INTEGER,
    "is_demo_data" BOOLEAN NOT NULL DEFAULT false,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "investment_committee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "impact_level" "impact_level" NOT NULL,
    "is_public" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator_measure" (
    "id" UUID NOT NULL,
    "indicator_id" UUID NOT NULL,
    "committee_id" UUID NOT NULL,
    "result" DECIMAL(20,4),
    "objective" DECIMAL(20,4),

    CONSTRAINT "indicator_measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "obligation" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "article" TEXT NOT NULL,
    "owed_by" "party_role" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "kind" "obligation_kind" NOT NULL,
    "due_on" DATE,
    "position" INTEGER NOT NULL,

    CONSTRAINT "obligation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "obligation_update" (
    "id" UUID NOT NULL,
    "obligation_id" UUID NOT NULL,
    "status" "obligation_status" NOT NULL,
    "evidence_url" TEXT,
    "note" TEXT,
    "evidence_on" DATE,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "obligation_update_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engagement_juridique" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "chorus_number" TEXT NOT NULL,
    "line_number" INTEGER NOT NULL,
    "ordered_on" DATE NOT NULL,
    "supplier_name" TEXT NOT NULL,
    "supplier_siret" TEXT,
    "object" TEXT NOT NULL,
    "marche" TEXT NOT NULL,
    "domaine_fonctionnel" TEXT NOT NULL,
    "centre_financier" TEXT NOT NULL,
    "activite" TEXT NOT NULL,
    "centre_de_cout" TEXT NOT NULL,
    "source" "record_source" NOT NULL,
    "chorus_import_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "engagement_juridique_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ej_movement" (
    "id" UUID NOT NULL,
    "ej_id" UUID NOT NULL,
    "kind" "ej_movement_kind" NOT NULL,
    "moved_on" DATE NOT NULL,
    "amount_cents" BIGINT NOT NULL,
    "reverses_id" UUID,
    "reason" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ej_movement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_fait" (
    "id" UUID NOT NULL,
    "ej_id" UUID NOT NULL,
    "done_on" DATE NOT NULL,
    "reference" TEXT NOT NULL,
    "amount_cents" BIGINT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_fait_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_request" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "ej_id" UUID NOT NULL,
    "dp_number" TEXT NOT NULL,
    "paid_on" DATE NOT NULL,
    "amount_cents" BIGINT NOT NULL,
    "reverses_id" UUID,
    "source" "record_source" NOT NULL,
    "chorus_import_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chorus_import" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "lines_read" INTEGER NOT NULL,
    "lines_created" INTEGER NOT NULL,
    "lines_known" INTEGER NOT NULL,
    "lines_ignored" INTEGER NOT NULL,
    "imported_by_id" UUID NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chorus_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "avenant" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "signed_on" DATE NOT NULL,
    "object" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "cbcm_copy_sent_on" DATE,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "avenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "termination_notice" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "by_party" "party_role" NOT NULL,
    "notice_on" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "author_id" UUID NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "termination_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "party_notice" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "kind" "notice_kind" NOT NULL,
    "from_party" "party_role" NOT NULL,
    "to_party" "party_role" NOT NULL,
    "amount_cents" BIGINT,
    "message" TEXT NOT NULL,
    "author_id" UUID NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMP(3),
    "answer" TEXT,

    CONSTRAINT "party_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suspension" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "starts_on" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "lifted_on" DATE,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suspension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "final_report" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "submitted_on" DATE NOT NULL,
    "progress" TEXT NOT NULL,
    "order_forecast" TEXT NOT NULL,
    "budget_forecast" TEXT NOT NULL,
    "submitted_by_id" UUID NOT NULL,
    "accepted_on" DATE,
    "accepted_by_id" UUID,

    CONSTRAINT "final_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" BIGSERIAL NOT NULL,
    "action_id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" UUID,
    "organisation_id" UUID,
    "role" "user_role",
    "convention_id" UUID,
    "kind" TEXT NOT NULL,
    "entity" TEXT,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisation_slug_key" ON "organisation"("slug");

-- CreateIndex
CREATE INDEX "representative_organisation_id_idx" ON "representative"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_proconnect_sub_key" ON "app_user"("proconnect_sub");

-- CreateIndex
CREATE INDEX "app_user_organisation_id_idx" ON "app_user"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "convention_reference_key" ON "convention"("reference");

-- CreateIndex
CREATE INDEX "convention_party_organisation_id_convention_id_idx" ON "convention_party"("organisation_id", "convention_id");

-- CreateIndex
CREATE UNIQUE INDEX "convention_party_convention_id_role_key" ON "convention_party"("convention_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "credit_allocation_convention_id_year_key" ON "credit_allocation"("convention_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "tranche_convention_id_year_credit_type_rank_key" ON "tranche"("convention_id", "year", "credit_type", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "tranche_release_tranche_id_key" ON "tranche_release"("tranche_id");

-- CreateIndex
CREATE INDEX "mid_term_review_convention_id_recorded_at_idx" ON "mid_term_review"("convention_id", "recorded_at");

-- CreateIndex
CREATE UNIQUE INDEX "investment_committee_convention_id_held_on_key" ON "investment_committee"("convention_id", "held_on");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_convention_id_name_key" ON "indicator"("convention_id", "name");

-- CreateIndex
CREATE INDEX "indicator_measure_committee_id_idx" ON "indicator_measure"("committee_id");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_measure_indicator_id_committee_id_key" ON "indicator_measure"("indicator_id", "committee_id");

-- CreateIndex
CREATE UNIQUE INDEX "obligation_convention_id_code_key" ON "obligation"("convention_id", "code");

-- CreateIndex
CREATE INDEX "obligation_update_obligation_id_created_at_idx" ON "obligation_update"("obligation_id", "created_at");

-- CreateIndex
CREATE INDEX "engagement_juridique_convention_id_ordered_on_idx" ON "engagement_juridique"("convention_id", "ordered_on");

-- CreateIndex
CREATE UNIQUE INDEX "engagement_juridique_convention_id_chorus_number_line_numbe_key" ON "engagement_juridique"("convention_id", "chorus_number", "line_number");

-- CreateIndex
CREATE UNIQUE INDEX "ej_movement_reverses_id_key" ON "ej_movement"("reverses_id");

-- CreateIndex
CREATE INDEX "ej_movement_ej_id_idx" ON "ej_movement"("ej_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_fait_ej_id_reference_key" ON "service_fait"("ej_id", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "payment_request_reverses_id_key" ON "payment_request"("reverses_id");

-- CreateIndex
CREATE INDEX "payment_request_ej_id_idx" ON "payment_request"("ej_id");

-- CreateIndex
CREATE UNIQUE INDEX "payment_request_convention_id_dp_number_key" ON "payment_request"("convention_id", "dp_number");

-- CreateIndex
CREATE INDEX "chorus_import_convention_id_idx" ON "chorus_import"("convention_id");

-- CreateIndex
CREATE UNIQUE INDEX "avenant_convention_id_number_key" ON "avenant"("convention_id", "number");

-- CreateIndex
CREATE INDEX "termination_notice_convention_id_idx" ON "termination_notice"("convention_id");

-- CreateIndex
CREATE INDEX "party_notice_convention_id_sent_at_idx" ON "party_notice"("convention_id", "sent_at");

-- CreateIndex
CREATE INDEX "suspension_convention_id_idx" ON "suspension"("convention_id");

-- CreateIndex
CREATE INDEX "final_report_convention_id_idx" ON "final_report"("convention_id");

-- CreateIndex
CREATE INDEX "audit_entry_convention_id_at_idx" ON "audit_entry"("convention_id", "at");

-- CreateIndex
CREATE INDEX "audit_entry_action_id_idx" ON "audit_entry"("action_id");

-- AddForeignKey
ALTER TABLE "representative" ADD CONSTRAINT "representative_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "convention_party" ADD CONSTRAINT "convention_party_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "convention_party" ADD CONSTRAINT "convention_party_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_allocation" ADD CONSTRAINT "credit_allocation_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tranche" ADD CONSTRAINT "tranche_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tranche_release" ADD CONSTRAINT "tranche_release_tranche_id_fkey" FOREIGN KEY ("tranche_id") REFERENCES "tranche"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tranche_release" ADD CONSTRAINT "tranche_release_released_by_id_fkey" FOREIGN KEY ("released_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mid_term_review" ADD CONSTRAINT "mid_term_review_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mid_term_review" ADD CONSTRAINT "mid_term_review_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "investment_committee" ADD CONSTRAINT "investment_committee_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "investment_committee" ADD CONSTRAINT "investment_committee_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_measure" ADD CONSTRAINT "indicator_measure_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_measure" ADD CONSTRAINT "indicator_measure_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "investment_committee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "obligation" ADD CONSTRAINT "obligation_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "obligation_update" ADD CONSTRAINT "obligation_update_obligation_id_fkey" FOREIGN KEY ("obligation_id") REFERENCES "obligation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "obligation_update" ADD CONSTRAINT "obligation_update_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "engagement_juridique" ADD CONSTRAINT "engagement_juridique_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "engagement_juridique" ADD CONSTRAINT "engagement_juridique_chorus_import_id_fkey" FOREIGN KEY ("chorus_import_id") REFERENCES "chorus_import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "engagement_juridique" ADD CONSTRAINT "engagement_juridique_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ej_movement" ADD CONSTRAINT "ej_movement_ej_id_fkey" FOREIGN KEY ("ej_id") REFERENCES "engagement_juridique"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ej_movement" ADD CONSTRAINT "ej_movement_reverses_id_fkey" FOREIGN KEY ("reverses_id") REFERENCES "ej_movement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ej_movement" ADD CONSTRAINT "ej_movement_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_fait" ADD CONSTRAINT "service_fait_ej_id_fkey" FOREIGN KEY ("ej_id") REFERENCES "engagement_juridique"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_fait" ADD CONSTRAINT "service_fait_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_request" ADD CONSTRAINT "payment_request_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_request" ADD CONSTRAINT "payment_request_ej_id_fkey" FOREIGN KEY ("ej_id") REFERENCES "engagement_juridique"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_request" ADD CONSTRAINT "payment_request_reverses_id_fkey" FOREIGN KEY ("reverses_id") REFERENCES "payment_request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_request" ADD CONSTRAINT "payment_request_chorus_import_id_fkey" FOREIGN KEY ("chorus_import_id") REFERENCES "chorus_import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_request" ADD CONSTRAINT "payment_request_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chorus_import" ADD CONSTRAINT "chorus_import_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chorus_import" ADD CONSTRAINT "chorus_import_imported_by_id_fkey" FOREIGN KEY ("imported_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "avenant" ADD CONSTRAINT "avenant_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "avenant" ADD CONSTRAINT "avenant_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "termination_notice" ADD CONSTRAINT "termination_notice_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "termination_notice" ADD CONSTRAINT "termination_notice_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_notice" ADD CONSTRAINT "party_notice_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_notice" ADD CONSTRAINT "party_notice_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suspension" ADD CONSTRAINT "suspension_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suspension" ADD CONSTRAINT "suspension_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_report" ADD CONSTRAINT "final_report_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_report" ADD CONSTRAINT "final_report_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "final_report" ADD CONSTRAINT "final_report_accepted_by_id_fkey" FOREIGN KEY ("accepted_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entry" ADD CONSTRAINT "audit_entry_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ─── Written by hand: rules Prisma's schema language cannot express (see docs/adr/0001) ───

-- Money is never negative where the text speaks of amounts; dates are in order.
ALTER TABLE "convention"
  ADD CONSTRAINT "convention_fast_funding_non_negative" CHECK ("fast_funding_cents" >= 0),
  ADD CONSTRAINT "convention_co_financing_non_negative" CHECK ("co_financing_cents" IS NULL OR "co_financing_cents" >= 0),
  ADD CONSTRAINT "convention_ends_after_signature" CHECK ("signed_on" IS NULL OR "ends_on" >= "signed_on"),
  ADD CONSTRAINT "convention_notice_months_non_negative" CHECK ("termination_notice_months" >= 0);
ALTER TABLE "credit_allocation"
  ADD CONSTRAINT "credit_allocation_ae_non_negative" CHECK ("ae_cents" >= 0),
  ADD CONSTRAINT "credit_allocation_cp_non_negative" CHECK ("cp_cents" >= 0),
  ADD CONSTRAINT "credit_allocation_year_plausible" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "tranche"
  ADD CONSTRAINT "tranche_share_in_range" CHECK ("share_basis_points" BETWEEN 1 AND 10000),
  ADD CONSTRAINT "tranche_rank_positive" CHECK ("rank" >= 1);
ALTER TABLE "tranche_release"
  ADD CONSTRAINT "tranche_release_amount_non_negative" CHECK ("amount_cents" >= 0);
ALTER TABLE "engagement_juridique"
  ADD CONSTRAINT "ej_chorus_number_10_digits" CHECK ("chorus_number" ~ '^[0-9]{10}$'),
  ADD CONSTRAINT "ej_line_number_positive" CHECK ("line_number" >= 1),
  ADD CONSTRAINT "ej_supplier_siret_14_digits" CHECK ("supplier_siret" IS NULL OR "supplier_siret" ~ '^[0-9]{14}$');
ALTER TABLE "ej_movement"
  ADD CONSTRAINT "ej_movement_sign_matches_kind" CHECK (
    ("kind" IN ('INITIAL', 'AUGMENTATION') AND "amount_cents" > 0)
    OR ("kind" = 'REDUCTION' AND "amount_cents" < 0)
    OR ("kind" = 'CONTRE_PASSATION' AND "reverses_id" IS NOT NULL AND "amount_cents" <> 0)
  );
ALTER TABLE "service_fait"
  ADD CONSTRAINT "service_fait_amount_non_negative" CHECK ("amount_cents" IS NULL OR "amount_cents" >= 0);
ALTER TABLE "payment_request"
  ADD CONSTRAINT "payment_request_amount_not_zero" CHECK ("amount_cents" <> 0),
  -- A negative line is always the reversal of an earlier payment, never a free-standing one.
  ADD CONSTRAINT "payment_request_negative_only_as_reversal" CHECK (("amount_cents" > 0) = ("reverses_id" IS NULL));
ALTER TABLE "party_notice"
  ADD CONSTRAINT "party_notice_amount_non_negative" CHECK ("amount_cents" IS NULL OR "amount_cents" >= 0);
ALTER TABLE "chorus_import"
  ADD CONSTRAINT "chorus_import_counts_non_negative" CHECK ("lines_read" >= 0 AND "lines_created" >= 0 AND "lines_known" >= 0 AND "lines_ignored" >= 0);
ALTER TABLE "investment_committee"
  ADD CONSTRAINT "committee_days_non_negative" CHECK (
    ("dev_days_per_week_tenths" IS NULL OR "dev_days_per_week_tenths" BETWEEN 0 AND 70)
    AND ("deploy_days_per_week_tenths" IS NULL OR "deploy_days_per_week_tenths" BETWEEN 0 AND 70)
  );

-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION "audit_entry_is_immutable"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_entry_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_entry"
  FOR EACH ROW EXECUTE FUNCTION "audit_entry_is_immutable"();

CREATE TRIGGER "audit_entry_no_truncate"
  BEFORE TRUNCATE ON "audit_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_entry_is_immutable"();
