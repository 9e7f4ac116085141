import type { DeliveryCounts, DeliveryCountsSource, OverviewPeriod } from '../../domain/delivery-overview';
import type { Db } from './database';

/**
 * The home page's delivery counts on Prisma: one count per status, each bounded by `createdAt` so it reads a
 * range of the `[status, createdAt]` index of OutboundMessage (and of BroadcastBatch), never the whole table.
 */
export function prismaDeliveryCounts(db: Db): DeliveryCountsSource {
  return {
    async counts(p: OverviewPeriod): Promise<DeliveryCounts> {
      const since = { gte: p.since };
      const [retry, stuck, unknown, failed, skipped, broadcastBatchesFailed] = await Promise.all([
        db.outboundMessage.count({ where: { status: 'retry', createdAt: since } }),
        db.outboundMessage.count({ where: { status: { in: ['pending', 'attempting'] }, createdAt: { gte: p.since, lt: p.stuckBefore } } }),
        db.outboundMessage.count({ where: { status: 'unknown', createdAt: since } }),
        db.outboundMessage.count({ where: { status: 'failed', createdAt: since } }),
        db.outboundMessage.count({ where: { status: 'skipped', createdAt: since } }),
        db.broadcastBatch.count({ where: { status: 'failed', createdAt: { gte: p.monthStart } } }),
      ]);
      return { waiting: retry + stuck, unknown, failed, skipped, broadcastBatchesFailed };
    },
  };
}
