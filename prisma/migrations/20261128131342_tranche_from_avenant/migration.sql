-- AlterTable
ALTER TABLE "tranche" ADD COLUMN     "from_avenant_id" UUID;

-- AddForeignKey
ALTER TABLE "tranche" ADD CONSTRAINT "tranche_from_avenant_id_fkey" FOREIGN KEY ("from_avenant_id") REFERENCES "avenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
