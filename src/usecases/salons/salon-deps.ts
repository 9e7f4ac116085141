/** What the salon use cases are given: a unit of work over the changes, and the changes as they stand. */
import type { SalonChangeStore, SalonRepositories } from '../../domain/salon-schedule';
import type { UnitOfWork } from '../../domain/unit-of-work';

export interface SalonDeps {
  work: UnitOfWork<SalonRepositories>;
  changes: SalonChangeStore;
}
