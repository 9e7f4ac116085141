import type { FlowRegistry } from './engine/step';
import { onboardingFlow } from './onboarding/onboarding-flow';
import { settingsFlow } from './settings/settings-flow';
import { consultationFlow } from './consultation/consultation-flow';
import { surveyFlow } from './survey/survey-flow';
import { salonsFlow } from './salons/salons-flow';
import { eventsFlow } from './events/events-flow';
import { volunteerFlow } from './volunteer/volunteer-flow';
import { activityReportFlow } from './volunteer/activity-report-flow';
import { donateFlow } from './donate/donate-flow';
import { staffConsentFlow } from './handoff/staff-consent-flow';

/** Every conversation flow the bot runs, by id. */
export const FLOWS: FlowRegistry = {
  [onboardingFlow.id]: onboardingFlow,
  [settingsFlow.id]: settingsFlow,
  [consultationFlow.id]: consultationFlow,
  [surveyFlow.id]: surveyFlow,
  [salonsFlow.id]: salonsFlow,
  [eventsFlow.id]: eventsFlow,
  [volunteerFlow.id]: volunteerFlow,
  [activityReportFlow.id]: activityReportFlow,
  [donateFlow.id]: donateFlow,
  [staffConsentFlow.id]: staffConsentFlow,
};
