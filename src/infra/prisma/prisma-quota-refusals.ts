import type { QuotaRefusalsSource } from '../../domain/delivery-overview';
import type { Db } from './database';
import { formFor } from './sql-dialect';

/**
 * Messages LINE refused for the monthly limit, on Prisma, in one statement over two index ranges
 * (`[status, createdAt]` of OutboundMessage and of BroadcastBatch). An outbound row's error starts with `quota`
 * (src/bot/deliver.ts); a broadcast batch keeps LINE's own error, which names `quotaExceeded` and LINE's
 * "You have reached your monthly limit." (src/bot/run-broadcasts.ts). A batch counts each of its recipients.
 */
export function prismaQuotaRefusals(db: Db): QuotaRefusalsSource {
  return {
    async since(monthStart: Date): Promise<number> {
      // The recipient list is JSON text on both databases; PostgreSQL reads its length once it is cast to json.
      const recipients = formFor(db, { sqlite: 'json_array_length("recipients")', postgresql: 'json_array_length(CAST("recipients" AS json))' });
      const [row] = await db.$queryRawUnsafe<Array<{ outbound: number | bigint | null; broadcast: number | bigint | null }>>(
        `SELECT (SELECT COUNT(*) FROM "OutboundMessage" WHERE "status" = 'failed' AND "createdAt" >= $1 AND "error" LIKE 'quota%') AS "outbound", ` +
          `(SELECT SUM(${recipients}) FROM "BroadcastBatch" WHERE "status" = 'failed' AND "createdAt" >= $1 ` +
          `AND ("error" LIKE '%quotaExceeded%' OR "error" LIKE '%monthly limit%')) AS "broadcast"`,
        monthStart,
      );
      return Number(row?.outbound ?? 0) + Number(row?.broadcast ?? 0);
    },
  };
}
