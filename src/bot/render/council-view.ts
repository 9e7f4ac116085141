import { categoryTexts, localizedHours, localizedLabel, localizedName, partnerNext, type CouncilProfile, type Donations, type LocalizedLabel, type LocalizedName } from '../../domain/council-profile';
import { LANGUAGES } from '../../domain/language';
import type { Choice, CouncilView, DonationsView, LocalizedText } from '../../flows/engine/types';

function allLanguages(pick: (lang: (typeof LANGUAGES)[number]) => string): LocalizedText {
  return Object.fromEntries(LANGUAGES.map((l) => [l, pick(l)])) as LocalizedText;
}

/** A profile item residents choose: its code, name and button label in every language. */
export function choice(c: LocalizedName & LocalizedLabel & { code: string }): Choice {
  return { code: c.code, name: allLanguages((l) => localizedName(c, l)), label: allLanguages((l) => localizedLabel(c, l)) };
}

/** The council facts flows read, in every language, built once from the profile. */
export function councilView(profile: CouncilProfile): CouncilView {
  return {
    name: allLanguages((l) => localizedName(profile.council, l)),
    phone: profile.contact.phone,
    hours: allLanguages((l) => localizedHours(profile.contact, l)),
    districts: profile.districts.map(choice),
    categories: profile.consultationCategories.map((c) => ({
      ...choice(c),
      team: c.team,
      about: allLanguages((l) => categoryTexts(c, l).about),
      prepare: allLanguages((l) => categoryTexts(c, l).prepare),
      consentTopics: c.consentTopics,
    })),
    partners: profile.partners.map((p) => ({ code: p.code, name: allLanguages((l) => localizedName(p, l)), kind: p.kind, phone: p.phone, next: allLanguages((l) => partnerNext(p, l)) })),
    businessHours: profile.businessHours,
    salons: profile.salons.map((s) => ({
      ...choice(s),
      district: s.district,
      place: s.place,
      fee: s.fee,
      bring: s.bring ?? null,
      accessibility: s.accessibility ?? null,
      contact: s.contact,
      schedule: s.schedule,
    })),
    volunteerSkills: profile.volunteer.skills.map(choice),
    replyWithin: profile.consultation.replyWithinBusinessMinutes,
    donations: profile.donations ? donationsView(profile.donations) : null,
    emergency: {
      police: profile.emergency.police,
      fireAmbulance: profile.emergency.fireAmbulance,
      helplines: profile.emergency.helplines.map((h) => ({ name: allLanguages((l) => localizedName(h, l)), phone: h.phone, hours: allLanguages((l) => localizedHours(h, l)), for: h.for ?? ['general'], ...(h.languages ? { languages: h.languages } : {}) })),
    },
  };
}

/** The donations section with every name in every language. */
function donationsView(d: Donations): DonationsView {
  return {
    plans: d.allocationPlans.map((plan) => ({ fiscalYear: plan.fiscalYear, purposes: plan.purposes.map((p) => ({ ...choice(p), budgetYen: p.budgetYen })) })),
    food: { minDaysToBestBefore: d.foodRules.minDaysToBestBefore, accepted: d.foodRules.accepted.map(choice), refused: d.foodRules.refused.map(choice) },
    slots: d.slots.map((s) => ({ ...choice(s), kind: s.kind })),
  };
}
