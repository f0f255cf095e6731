-- AlterTable
ALTER TABLE "convention_standing" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
