import type { FlowModule } from '../engine/module';
import { complaintFlow } from './complaint-flow';
import { COMPLAINTS } from './module-context';

/** Complaints and opinions (苦情・ご意見): the complaint flow, opened from the main menu's section. */
export const complaintsFlowModule: FlowModule = {
  id: COMPLAINTS,
  flows: [complaintFlow],
  postbackKeys: [],
  menu: [{ section: 'complaints', flow: complaintFlow.id }],
};
