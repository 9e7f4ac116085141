import type { DataRequestKind, DataRequestStore, DataRequestView } from '../../domain/resident-data';
import type { Page, Paged } from '../../domain/paging';
import type { Db, Tx } from './database';

type Row = { id: string; residentId: string; kind: string; status: string; at: Date; doneAt: Date | null };

const view = (r: Row): DataRequestView => ({ id: r.id, residentId: r.residentId, kind: r.kind as DataRequestKind, status: r.status === 'done' ? 'done' : 'open', at: r.at, doneAt: r.doneAt });

/** Residents' data requests (DataRequest rows), on the client or a transaction. */
export class PrismaDataRequests implements DataRequestStore {
  constructor(private readonly db: Pick<Db | Tx, 'dataRequest'>) {}

  async open(page: Page): Promise<Paged<DataRequestView>> {
    const where = { status: 'open' };
    const [rows, total] = await Promise.all([this.db.dataRequest.findMany({ where, orderBy: [{ at: 'asc' }, { id: 'asc' }], skip: page.offset, take: page.limit }), this.db.dataRequest.count({ where })]);
    return { rows: rows.map(view), total };
  }

  async forResident(residentId: string): Promise<DataRequestView[]> {
    return (await this.db.dataRequest.findMany({ where: { residentId }, orderBy: { at: 'desc' } })).map(view);
  }

  async markDone(id: string, at: Date, staffId: string): Promise<boolean> {
    return (await this.db.dataRequest.updateMany({ where: { id, status: 'open' }, data: { status: 'done', doneAt: at, doneBy: staffId } })).count === 1;
  }

  async markAllDone(residentId: string, at: Date, staffId: string): Promise<number> {
    return (await this.db.dataRequest.updateMany({ where: { residentId, status: 'open' }, data: { status: 'done', doneAt: at, doneBy: staffId } })).count;
  }
}
