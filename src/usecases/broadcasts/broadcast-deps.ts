/** What the broadcast use cases are given: a unit of work over the broadcasts, what sends cost, and the budget. */
import type { BroadcastAdmin, BroadcastRepositories, Targeting } from '../../domain/broadcast';
import type { UnitOfWork } from '../../domain/unit-of-work';

export interface BroadcastDeps {
  work: UnitOfWork<BroadcastRepositories>;
  /** This month's pushes, sent and scheduled. */
  admin: Pick<BroadcastAdmin, 'usage'>;
  /** How many followers a targeting reaches now (the send fixes its recipients when it starts). */
  estimate(targeting: Targeting): Promise<number>;
  /** The council's monthly push budget. */
  monthlyPushBudget: number;
}
