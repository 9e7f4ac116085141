/**
 * How the conversation page words what became of a safety reply (119/110 and helplines sent to the resident
 * when a message signalled danger). Pure.
 */
import type { SafetyReplyState } from '../../domain/safety-reply';

/** The state in a few words, and what it means for staff. */
export interface SafetyReplyText {
  label: string;
  note: string;
  /** True when the resident may not have the reply: staff should reach them another way. */
  warn: boolean;
}

/** Words for one safety reply's state; `time` formats the moment it was sent. */
export function safetyReplyText(s: SafetyReplyState, time: (d: Date) => string): SafetyReplyText {
  switch (s.kind) {
    case 'sent': {
      const at = s.at ? `(${time(s.at)})` : '';
      return s.maybeTwice
        ? { label: `届きました(重複の可能性あり)${at}`, note: 'LINEの応答がなかったため、念のためもう一度送りました。同じ返信が2回届いているかもしれません。', warn: false }
        : { label: `届きました${at}`, note: '', warn: false };
    }
    case 'sending':
      return { label: '送信中/再送待ち', note: 'まだ届いていません。自動で送り直しています。', warn: true };
    case 'unknown':
      return { label: '届いたか確認できません(LINEの応答なし)', note: '届いていないかもしれません。必要なら電話など別の方法で連絡してください。', warn: true };
    case 'failed':
      return s.quota
        ? { label: '送れませんでした(LINEの月間メッセージ上限)', note: '届いていません。電話など別の方法で連絡してください。', warn: true }
        : { label: '送れませんでした', note: 'LINEに断られ、届いていません。電話など別の方法で連絡してください。', warn: true };
    case 'skipped':
      return { label: '送れませんでした(ブロックされています)', note: '相談者がLINEでこのアカウントをブロックしているため、届いていません。', warn: true };
    case 'missing':
      return { label: '返信の記録がありません', note: '届いたか確かめられません。必要なら別の方法で連絡してください。', warn: true };
  }
}
