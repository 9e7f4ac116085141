import { isLanguage, type Language } from '../../domain/language';
import type { InboundInput } from '../../domain/inbound-event';

/** Intents that work in every flow and while idle. */
export type GlobalIntent =
  | { type: 'menu' }
  | { type: 'restart' }
  | { type: 'cancel' }
  | { type: 'staff' }
  | { type: 'language'; to?: Language };

/**
 * Typed words that trigger each intent, in every language the bot speaks (Japanese and English first, then in the
 * order of LANGUAGES: 中文, 한국어, Tiếng Việt, Filipino, नेपाली, Português). Matched whole, after NFKC normalisation,
 * lower-casing and removing spaces, so full-width and half-width forms both work.
 */
export const GLOBAL_INTENT_WORDS: Record<GlobalIntent['type'], readonly string[]> = {
  menu: ['メニュー', 'めにゅー', 'menu', 'ﾒﾆｭｰ', 'main menu', '菜单', '主菜单', '메뉴', 'thực đơn', 'मेनु', 'मेनू', 'menu principal'],
  restart: ['最初から', 'さいしょから', 'はじめから', '初めから', 'start over', 'restart', '重新开始', '처음부터', 'bắt đầu lại', 'umulit', 'फेरि सुरु', 'recomeçar', 'começar de novo'],
  cancel: ['やめる', '止める', 'キャンセル', '中止', 'cancel', 'stop', 'quit', '取消', '취소', 'hủy', 'dừng', 'kanselahin', 'ihinto', 'रद्द', 'cancelar', 'parar'],
  staff: ['スタッフと話したい', 'すたっふとはなしたい', 'スタッフ', '人と話したい', '担当者', 'talk to staff', 'staff', 'human', 'operator', '工作人员', '人工', '직원', '상담원', 'nhân viên', 'kawani', 'कर्मचारी', 'atendente', 'equipe'],
  language: ['言語', 'げんご', 'language', 'english', 'やさしい日本語', '日本語', '语言', '中文', '언어', '한국어', 'ngôn ngữ', 'tiếng việt', 'wika', 'filipino', 'tagalog', 'भाषा', 'नेपाली', 'idioma', 'língua', 'português'],
};

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s。、.!！?？]/g, '');
}

const WORD_INDEX: Map<string, GlobalIntent['type']> = new Map(
  (Object.entries(GLOBAL_INTENT_WORDS) as Array<[GlobalIntent['type'], readonly string[]]>).flatMap(([type, words]) =>
    words.map((w) => [normalise(w), type] as [string, GlobalIntent['type']]),
  ),
);

/** Returns the global intent an input expresses, or null. Pure. */
export function detectGlobalIntent(input: InboundInput): GlobalIntent | null {
  if (input.kind === 'postback') {
    const p = new URLSearchParams(input.data);
    switch (p.get('g')) {
      case 'menu':
        return { type: 'menu' };
      case 'restart':
        return { type: 'restart' };
      case 'cancel':
        return { type: 'cancel' };
      case 'staff':
        return { type: 'staff' };
      case 'lang': {
        const to = p.get('to');
        return isLanguage(to) ? { type: 'language', to } : { type: 'language' };
      }
      default:
        return null;
    }
  }
  if (input.kind === 'text') {
    const type = WORD_INDEX.get(normalise(input.text));
    return type ? ({ type } as GlobalIntent) : null;
  }
  return null;
}
