import type { EventRegistrantRetention } from '../../domain/retention';
import type { Db } from './database';

/** Erasing past events' registrant names and phones, on Prisma (one statement; rows already erased are left alone). */
export class PrismaEventRetention implements EventRegistrantRetention {
  constructor(private readonly db: Db) {}

  eraseEndedBefore(endedBefore: Date, now: Date): Promise<number> {
    return this.db.$executeRawUnsafe(
      `UPDATE "EventRegistration" SET "name" = '', "phone" = NULL, "updatedAt" = $2 ` +
        `WHERE ("name" <> '' OR "phone" IS NOT NULL) AND "eventId" IN (SELECT "id" FROM "CouncilEvent" WHERE "endsAt" < $1)`,
      endedBefore,
      now,
    );
  }
}
