import { consentReviewFlow } from './consent/consent-review-flow';
import { HANDOFF_RULES } from './handoff/handoff-rules';
import { staffConsentFlow } from './handoff/staff-consent-flow';
import { handleIdle } from './menu/idle';
import { answerMyRequests } from './my-requests/my-requests';
import { onboardingFlow } from './onboarding/onboarding-flow';
import { settingsFlow } from './settings/settings-flow';
import { surveyFlow } from './survey/survey-flow';
import type { Engine } from './engine/step';
import { buildEngine } from './engine/step';
import type { FlowModule } from './engine/module';

/**
 * The engine's own flows: onboarding, settings (its menu section), the survey asked when staff close a thread, and
 * the question whether staff may keep a conversation; with the idle handler (main menu, follow), the hand-off rules
 * (safety reply, messages for staff, asking for staff) and the answer to わたしの申し込み.
 */
export const CORE_FLOWS = {
  flows: [onboardingFlow, settingsFlow, surveyFlow, staffConsentFlow, consentReviewFlow],
  idle: handleIdle,
  handoff: HANDOFF_RULES,
  answerMyRequests,
  menu: [{ section: 'settings', flow: settingsFlow.id }],
};

/** The engine with the core flows and these modules' flow parts. */
export function composeEngine(modules: readonly FlowModule[]): Engine {
  return buildEngine(CORE_FLOWS, modules);
}
