/**
 * What the field use cases (the return report, the 緊急 alert and its acknowledgement) are given: a unit of work over
 * the needs' and the field's rows, the bot's wording of the household's status notice, and the month's push budget.
 */
import type { FieldRepositories } from '../../domain/disaster/field-admin';
import type { UnitOfWork } from '../../domain/unit-of-work';
import type { NeedNotices } from './needs-deps';

export interface FieldDeps {
  work: UnitOfWork<FieldRepositories>;
  notices: Pick<NeedNotices, 'status'>;
  monthlyPushBudget: number;
}
