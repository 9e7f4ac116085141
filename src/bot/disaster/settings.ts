import type { CouncilProfile } from '../../domain/council-profile';
import type { DisasterSettings } from '../../flows/disaster/module-context';
import { choice } from '../render/council-view';

/** The council's disaster settings as the steps read them (skills in every language), or null without the section. */
export function disasterSettings(profile: CouncilProfile): DisasterSettings | null {
  const d = profile.disaster;
  if (!d) return null;
  return {
    skills: d.skills.map(choice),
    disasterPlans: [...d.insurance.disasterPlans],
    enrolUrl: d.insurance.enrolUrl,
    enrolPlace: d.insurance.enrolPlace,
    orientation: { ...d.orientation },
    donationRule: d.donationRule,
    needs: { screening: d.needs.screening.map((r) => ({ ...r, keywords: [...r.keywords], ...(r.workKinds ? { workKinds: [...r.workKinds] } : {}) })), duplicateRadiusMetres: d.needs.duplicateRadiusMetres },
  };
}
