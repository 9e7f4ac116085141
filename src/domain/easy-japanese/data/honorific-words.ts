/**
 * 尊敬語・謙譲語 the honorific rule knows, by dictionary form, with the plain word to write instead. The guideline:
 * write in です・ます and leave out honorific and humble forms (尊敬語や謙譲語は使わない).
 */

/** Verbs (and a few nouns) that are honorific or humble in themselves, by dictionary form (`base`). */
export const HONORIFIC_WORDS: Record<string, string> = {
  いらっしゃる: 'いる／来る／行く',
  おっしゃる: '言う',
  仰る: '言う',
  召し上がる: '食べる／飲む',
  召しあがる: '食べる／飲む',
  なさる: 'する',
  くださる: 'くれる',
  下さる: 'くれる',
  申す: '言う',
  申し上げる: '言う',
  参る: '来る／行く',
  伺う: '聞く／行く',
  うかがう: '聞く／行く',
  存じる: '知る／思う',
  存ずる: '知る／思う',
  存じ上げる: '知る',
  いたす: 'する',
  致す: 'する',
  おる: 'いる（〜ております → 〜ています）',
  いただく: 'もらう（〜ていただく → 〜てもらう）',
  頂く: 'もらう',
  いただける: 'もらえる（ご参加いただけます → 参加できます）',
  頂ける: 'もらえる',
  差し上げる: 'あげる',
  さしあげる: 'あげる',
  承る: '受ける／聞く',
  うけたまわる: '受ける／聞く',
  賜る: 'もらう',
  拝見: '見る',
  拝読: '読む',
  拝借: '借りる',
  拝聴: '聞く',
  ご覧: '見る（ご覧ください → 見てください）',
  御覧: '見る（ご覧ください → 見てください）',
  ござる: 'ある／です（ございます → あります）',
  恐れ入る: 'すみません（恐れ入りますが → すみませんが）',
  おそれいる: 'すみません（恐れ入りますが → すみませんが）',
  お越し: '来る（お越しください → 来てください）',
  ご存じ: '知っている',
  ご存知: '知っている',
};

/**
 * Nouns with お／ご that are ordinary words, not honorific forms, even before する or ください: ご飯 is a meal,
 * お願いします is the set phrase everyone learns first.
 */
export const PLAIN_PREFIXED_NOUNS = new Set(['ご飯', 'お金', 'お茶', 'お湯', 'お水', 'お風呂', 'お菓子', 'お弁当', 'お米', 'お酒', 'お祭り', 'お正月', 'お盆', 'お年寄り', 'お礼', 'お願い', 'お腹', 'お店', 'お母さん', 'お父さん', 'お子さん', 'お客さん', 'お昼', 'お土産', 'お釣り', 'おにぎり']);
