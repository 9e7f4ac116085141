/**
 * The inbox (受信箱), the conversation page and the service measures (対応の状況) as a console module: staff
 * read residents' threads, claim or assign them, reply, keep notes, set consultations' status, acknowledge safety
 * alerts and close threads.
 */
import type { Pager } from '../shared/paging';
import type { MeasuresSource } from '../../domain/measures';
import type { ConsoleModule } from '../console-module';
import { measuresRoutes, type MeasuresView } from './measures-routes';
import { threadRoutes, type ThreadConsoleDeps } from './thread-routes';
import type { InboxRowView, ThreadPageView } from './thread-views';
import type { ConsentPanelView } from './consent-views';
import type { CannedReplyView } from './canned-reply-views';

declare module '../permissions' {
  interface ConsolePermissions {
    'inbox.view': true;
    'conversation.view': true;
    'conversation.reply': true;
    /** Take an unassigned thread for oneself. */
    'conversation.claim': true;
    /** Assign a thread to someone else (or take it from them). */
    'conversation.assign': true;
    'consultation.update': true;
    'notes.write': true;
    'survey.view': true;
    'measures.view': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    inbox: { view: string; views: Array<{ view: string; label: string; href: string; current: boolean }>; rows: InboxRowView[]; pager: Pager | null };
    thread: { t: ThreadPageView; status: string | null; consents: ConsentPanelView | null; canned: CannedReplyView[]; canReply: boolean; canNote: boolean; canUpdate: boolean; canEditCanned: boolean };
    measures: MeasuresView;
  }
}

/** What the thread pages need: the threads and staff actions, and the measures' source. */
export interface ThreadsConsoleDeps extends ThreadConsoleDeps {
  measures: MeasuresSource;
}

export { consoleLabels } from './thread-views';

export const threadsModule: ConsoleModule<ThreadsConsoleDeps> = {
  id: 'threads',
  dir: 'src/console/threads',
  // Counsellors work conversations; only assigning a thread to someone else is kept for coordinators (and admins).
  permissions: {
    'inbox.view': ['coordinator', 'counsellor'],
    'conversation.view': ['coordinator', 'counsellor'],
    'conversation.reply': ['coordinator', 'counsellor'],
    'conversation.claim': ['coordinator', 'counsellor'],
    'conversation.assign': ['coordinator'],
    'consultation.update': ['coordinator', 'counsellor'],
    'notes.write': ['coordinator', 'counsellor'],
    'survey.view': ['coordinator', 'counsellor'],
    'measures.view': ['coordinator', 'counsellor'],
  },
  nav: [
    { href: '/console/inbox', label: '受信箱', permission: 'inbox.view' },
    { href: '/console/measures', label: '対応の状況', permission: 'measures.view' },
  ],
  routes: async (app, options) => {
    await app.register(threadRoutes, options);
    await app.register(measuresRoutes, options);
  },
};
