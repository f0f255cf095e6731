-- CreateEnum
CREATE TYPE "access_request_status" AS ENUM ('EN_ATTENTE', 'ACCEPTEE', 'REFUSEE');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "activated_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "access_request" (
    "id" UUID NOT NULL,
    "proconnect_sub" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "usual_name" TEXT NOT NULL,
    "siret" TEXT,
    "idp_id" TEXT,
    "organisation_id" UUID,
    "status" "access_request_status" NOT NULL DEFAULT 'EN_ATTENTE',
    "created_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "decided_at" TIMESTAMP(3),
    "decided_by_id" UUID,
    "user_id" UUID,

    CONSTRAINT "access_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "access_request_proconnect_sub_key" ON "access_request"("proconnect_sub");

-- CreateIndex
CREATE UNIQUE INDEX "access_request_user_id_key" ON "access_request"("user_id");

-- CreateIndex
CREATE INDEX "access_request_status_idx" ON "access_request"("status");

-- AddForeignKey
ALTER TABLE "access_request" ADD CONSTRAINT "access_request_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_request" ADD CONSTRAINT "access_request_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_request" ADD CONSTRAINT "access_request_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Accounts already active when this migration runs start their idle period now: an upgrade locks nobody out.
UPDATE "app_user" SET "activated_at" = CURRENT_TIMESTAMP WHERE "active";
