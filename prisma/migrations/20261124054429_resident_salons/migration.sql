-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Resident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineUserId" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'ja',
    "languageChosen" BOOLEAN NOT NULL DEFAULT false,
    "followed" BOOLEAN NOT NULL DEFAULT true,
    "followedAt" DATETIME NOT NULL,
    "unfollowedAt" DATETIME,
    "consent" TEXT NOT NULL DEFAULT 'pending',
    "consentVersion" TEXT,
    "consentAt" DATETIME,
    "districtCode" TEXT,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "salons" TEXT NOT NULL DEFAULT '[]',
    "onboardedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Resident" ("consent", "consentAt", "consentVersion", "createdAt", "districtCode", "followed", "followedAt", "id", "language", "languageChosen", "lineUserId", "onboardedAt", "topics", "unfollowedAt", "updatedAt") SELECT "consent", "consentAt", "consentVersion", "createdAt", "districtCode", "followed", "followedAt", "id", "language", "languageChosen", "lineUserId", "onboardedAt", "topics", "unfollowedAt", "updatedAt" FROM "Resident";
DROP TABLE "Resident";
ALTER TABLE "new_Resident" RENAME TO "Resident";
CREATE UNIQUE INDEX "Resident_lineUserId_key" ON "Resident"("lineUserId");
CREATE INDEX "Resident_followed_consent_idx" ON "Resident"("followed", "consent");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
