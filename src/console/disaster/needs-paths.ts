/** The needs pages' dependencies, paths and not-found page, shared by their routes. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NeedsRepository } from '../../domain/disaster/needs-admin';
import type { NeedsYearSource } from '../../domain/disaster/needs-report';
import type { NeedsDeps } from '../../usecases/disaster/needs-deps';
import { sendPage } from '../render';
import type { NamedCode } from '../shared/names';

/** What the needs pages need. */
export interface NeedsConsole {
  /** Reads outside a unit of work (the pages). */
  read: NeedsRepository;
  useCases: NeedsDeps;
  /** The needs of a fiscal year, for the annual report's files. */
  year: NeedsYearSource;
  districts: NamedCode[];
}

/** A centre's needs board. */
export const needsHref = (centreId: string) => `/console/disaster/centres/${encodeURIComponent(centreId)}/needs`;
/** A need's page. */
export const needHref = (needId: string) => `/console/disaster/needs/${encodeURIComponent(needId)}`;

/** The 404 page of a centre or need that is not there. */
export function needsNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendPage(request, reply, 'error', '見つかりません', { heading: '見つかりません', message: 'このセンターやニーズはないか、ほかのニーズにまとめられています。', action: { href: '/console/disaster', label: '災害ボランティアセンターの一覧に戻る' } }, 404);
}

