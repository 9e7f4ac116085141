import type { LoopKind, LoopQuestion } from '../../domain/faq-loop/grouping';
import type { FaqLoopRepositories, FaqLoopStore, FaqQuestionRetention, HandAnswerCandidate, HandAnswers, NewFaqEntry } from '../../domain/faq-loop/ports';
import type { AskedQuestion } from '../../domain/faq-loop/weekly-share';
import type { Db, Tx } from './database';
import { formFor } from './sql-dialect';
import { PrismaAuditLog } from './prisma-audit-log';

/** The questions the loop lists: unanswered, answered but marked unhelpful, or answered by staff; still open. */
const IN_LOOP = { resolvedAt: null, OR: [{ outcome: 'unanswered' }, { outcome: 'staff' }, { feedback: 'unhelpful' }] };

function kindOf(r: { outcome: string; feedback: string | null }): LoopKind {
  if (r.outcome === 'staff') return 'staff';
  if (r.outcome === 'unanswered') return 'unanswered';
  return 'unhelpful';
}

/** The knowledge loop's reads on Prisma (the `FaqQuestion` table; never the resident). */
export class PrismaFaqLoop implements FaqLoopStore, FaqQuestionRetention, HandAnswers {
  constructor(private readonly db: Db) {}

  async openQuestions(): Promise<LoopQuestion[]> {
    const rows = await this.db.faqQuestion.findMany({
      where: IN_LOOP,
      select: { id: true, text: true, normalized: true, language: true, outcome: true, feedback: true, at: true, staffAnswer: true },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    return rows.map((r) => ({ id: r.id, text: r.text, normalized: r.normalized, language: r.language, kind: kindOf(r), at: r.at, staffAnswer: r.staffAnswer }));
  }

  /**
   * Counted in SQL by Japan-time day, outcome and entry (eight weeks of a large council's questions are tens of
   * thousands of rows; read one by one they took 60–140 ms on the growth bench's database). Each row stands at its
   * day's midnight, Japan time, which is all the weekly share reads of it.
   */
  async askedSince(since: Date): Promise<AskedQuestion[]> {
    const rows = await this.db.$queryRawUnsafe<Array<{ day: string; outcome: string; entryId: string | null; n: number | bigint }>>(
      `SELECT ${formFor(this.db, { sqlite: `date("at", '+9 hours')`, postgresql: `to_char(("at" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD')` })} AS "day", ` +
        `"outcome", "entryId", COUNT(*) AS "n" FROM "FaqQuestion" WHERE "at" >= $1 GROUP BY 1, 2, 3`,
      since,
    );
    return rows.map((r) => ({ at: new Date(`${r.day}T00:00:00+09:00`), outcome: r.outcome, entryId: r.entryId, count: Number(r.n) }));
  }

  async deleteAskedBefore(before: Date): Promise<number> {
    return (await this.db.faqQuestion.deleteMany({ where: { at: { lt: before } } })).count;
  }

  async eraseResolvedAskedBefore(before: Date): Promise<number> {
    const { count } = await this.db.faqQuestion.updateMany({
      where: { at: { lt: before }, resolvedAt: { not: null }, OR: [{ text: { not: '' } }, { normalized: { not: '' } }, { residentId: { not: null } }] },
      data: { text: '', normalized: '', residentId: null, staffAnswer: null },
    });
    return count;
  }

  async candidates(since: Date, limit: number): Promise<HandAnswerCandidate[]> {
    const rows = await this.db.faqQuestion.findMany({
      where: { at: { gte: since }, resolvedAt: null, residentId: { not: null }, OR: [{ outcome: 'unanswered' }, { feedback: 'unhelpful', outcome: { not: 'staff' } }] },
      select: { id: true, residentId: true, at: true },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, residentId: r.residentId!, at: r.at }));
  }

  async firstStaffText(residentId: string, after: Date, before: Date): Promise<string | null> {
    const m = await this.db.conversationMessage.findFirst({
      where: { direction: 'out', kind: 'text', staffId: { not: null }, createdAt: { gt: after, lte: before }, conversation: { residentId } },
      orderBy: { createdAt: 'asc' },
      select: { text: true },
    });
    return m?.text ?? null;
  }

  async markAnsweredByStaff(id: string, answer: string): Promise<boolean> {
    const { count } = await this.db.faqQuestion.updateMany({ where: { id, resolvedAt: null, outcome: { not: 'staff' } }, data: { outcome: 'staff', staffAnswer: answer } });
    return count === 1;
  }
}

/** The loop use cases' repositories on one transaction. */
export function faqLoopRepositories(tx: Tx): FaqLoopRepositories {
  return {
    questions: {
      async openAmong(ids) {
        const rows = await tx.faqQuestion.findMany({ where: { id: { in: [...ids] }, ...IN_LOOP }, select: { id: true }, orderBy: { at: 'asc' } });
        return rows.map((r) => r.id);
      },
      async resolve(ids, by, at) {
        return (await tx.faqQuestion.updateMany({ where: { id: { in: [...ids] }, resolvedAt: null }, data: { resolvedAt: at, resolvedBy: by } })).count;
      },
    },
    entries: {
      async create(entry: NewFaqEntry, by, at) {
        const row = await tx.faqEntry.create({
          data: { questions: JSON.stringify(entry.questions), answer: JSON.stringify(entry.answer), createdBy: by, createdAt: at, updatedAt: at },
          select: { id: true },
        });
        return row.id;
      },
    },
    synonyms: {
      async meaningOf(term) {
        return (await tx.faqSynonym.findUnique({ where: { term }, select: { means: true } }))?.means ?? null;
      },
      async put(term, means, by, at) {
        await tx.faqSynonym.upsert({ where: { term }, create: { term, means, createdBy: by, createdAt: at }, update: { means, createdBy: by, createdAt: at } });
      },
    },
    audit: new PrismaAuditLog(tx),
  };
}
