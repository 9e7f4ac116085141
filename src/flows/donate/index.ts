import type { FlowModule } from '../engine/module';
import { donateFlow } from './donate-flow';
import { DONATIONS } from './module-context';
import { myOffers } from './my-offers';

/** Donation offers (寄付・寄贈): the donate flow, opened from the main menu's section; open offers in わたしの申し込み. */
export const donationsFlowModule: FlowModule = {
  id: DONATIONS,
  flows: [donateFlow],
  postbackKeys: [],
  menu: [{ section: 'donate', flow: donateFlow.id }],
  myRequests: myOffers,
};
