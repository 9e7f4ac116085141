import type { FlowModule } from '../engine/module';
import { consultationFlow } from './consultation-flow';
import { CONSULTATION } from './module-context';
import { myConsultations } from './my-consultations';

/** Consultations (相談する): the consultation form, handed to the area's team when sent; its part in わたしの申し込み. */
export const consultationFlowModule: FlowModule = {
  id: CONSULTATION,
  flows: [consultationFlow],
  postbackKeys: [],
  menu: [{ section: 'consult', flow: consultationFlow.id }],
  myRequests: myConsultations,
};
