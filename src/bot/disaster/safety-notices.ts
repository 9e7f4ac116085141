/**
 * The safety notices to volunteers in the field, worded in every language the bot speaks (namespace
 * `disasterSafety`): the break and water reminder to a team's leader with the heat level's rule, and the centre-wide
 * urgent notice (the coordinator's text, or the kind's template in a language left blank). Not marked for a drill
 * here: the use case does that.
 */
import type { Notice } from '../../domain/notice';
import type { SafetyNotices, UrgentText } from '../../usecases/disaster/field-safety-deps';
import { inEveryLanguage, type Translator } from '../render/i18n';

type Worded = { ja: string } & Record<string, string>;

export function safetyNotices(translator: Translator): SafetyNotices {
  const title = (key: string) => translator.t('ja', `disasterSafety:title.${key}`);
  return {
    reminder({ teamNumber, heatLevel }): Notice {
      const content = inEveryLanguage(translator, 'disasterSafety:reminder', (l) => ({ team: teamNumber, rule: translator.t(l, `disasterSafety:heat.${heatLevel}`) })) as Worded;
      return { title: `${title('reminder')}:第${teamNumber}班`, content };
    },
    urgent(kind, text: UrgentText): Notice {
      const heading = inEveryLanguage(translator, 'disasterSafety:urgent.heading') as Worded;
      const template = inEveryLanguage(translator, `disasterSafety:urgent.${kind}`) as Worded;
      const content = Object.fromEntries(
        translator.languages.map((l) => {
          const own = (text as Record<string, string | undefined>)[l]?.trim();
          return [l, `${heading[l] ?? heading.ja}\n${own || template[l] || text.ja.trim()}`];
        }),
      ) as Worded;
      return { title: title('urgent'), content };
    },
  };
}
