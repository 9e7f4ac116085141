import { categoryTexts, localizedName, type CouncilProfile, type Donations, type LocalizedName } from '../domain/council-profile';
import { LANGUAGES } from '../domain/language';
import type { CouncilView, DonationsView, LocalizedText } from '../flows/engine/types';

function allLanguages(pick: (lang: (typeof LANGUAGES)[number]) => string): LocalizedText {
  return Object.fromEntries(LANGUAGES.map((l) => [l, pick(l)])) as LocalizedText;
}

/** The council facts flows read, in every language, built once from the profile. */
export function councilView(profile: CouncilProfile): CouncilView {
  return {
    name: allLanguages((l) => localizedName(profile.council, l)),
    phone: profile.contact.phone,
    // Opening hours are written once, in Japanese; the phone number beside them is what matters most.
    hours: allLanguages(() => profile.contact.hours),
    districts: profile.districts.map((d) => ({ code: d.code, name: allLanguages((l) => localizedName(d, l)) })),
    categories: profile.consultationCategories.map((c) => ({
      code: c.code,
      team: c.team,
      name: allLanguages((l) => localizedName(c, l)),
      about: allLanguages((l) => categoryTexts(c, l).about),
      prepare: allLanguages((l) => categoryTexts(c, l).prepare),
    })),
    businessHours: profile.businessHours,
    salons: profile.salons.map((s) => ({
      code: s.code,
      district: s.district,
      name: allLanguages((l) => localizedName(s, l)),
      place: s.place,
      fee: s.fee,
      bring: s.bring ?? null,
      accessibility: s.accessibility ?? null,
      contact: s.contact,
      schedule: s.schedule,
    })),
    volunteerSkills: profile.volunteer.skills.map((s) => ({ code: s.code, name: allLanguages((l) => localizedName(s, l)) })),
    replyWithin: profile.consultation.replyWithinBusinessMinutes,
    donations: profile.donations ? donationsView(profile.donations) : null,
    emergency: {
      police: profile.emergency.police,
      fireAmbulance: profile.emergency.fireAmbulance,
      helplines: profile.emergency.helplines.map((h) => ({ name: allLanguages((l) => localizedName(h, l)), phone: h.phone, hours: h.hours, for: h.for ?? ['general'] })),
    },
  };
}

/** The donations section with every name in every language. */
function donationsView(d: Donations): DonationsView {
  const named = (c: LocalizedName & { code: string }) => ({ code: c.code, name: allLanguages((l) => localizedName(c, l)) });
  return {
    plans: d.allocationPlans.map((plan) => ({ fiscalYear: plan.fiscalYear, purposes: plan.purposes.map((p) => ({ ...named(p), budgetYen: p.budgetYen })) })),
    food: { minDaysToBestBefore: d.foodRules.minDaysToBestBefore, accepted: d.foodRules.accepted.map(named), refused: d.foodRules.refused.map(named) },
    slots: d.slots.map((s) => ({ ...named(s), kind: s.kind })),
  };
}
