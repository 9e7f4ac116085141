/**
 * The home page's 「LINEへの送信」 panel: what became of the bot's messages lately, as counts with one plain line
 * each. Pure; no personal data (counts only).
 */
import { OVERVIEW_DAYS, type DeliveryCounts } from '../../domain/delivery-overview';

/** One figure of the panel. */
export interface DeliveryFigure {
  /** Stable name, for the page's ids and tests. */
  key: keyof DeliveryCounts;
  label: string;
  count: number;
  /** What the figure means and whether anyone has to act. */
  explanation: string;
}

export interface DeliveryPanelView {
  days: number;
  figures: DeliveryFigure[];
}

/** The panel for these counts. */
export function deliveryPanel(c: DeliveryCounts): DeliveryPanelView {
  const figure = (key: keyof DeliveryCounts, label: string, explanation: string): DeliveryFigure => ({ key, label, count: c[key], explanation });
  return {
    days: OVERVIEW_DAYS,
    figures: [
      figure('waiting', '送り直し待ち', 'LINEが混み合っているなどで、まだ届けられていないメッセージです。自動で送り直すので、操作はいりません。'),
      figure('unknown', '届いたか確認できない', 'LINEが受け取ったかどうか返事がなかったメッセージです。二重に届かないよう、送り直していません。'),
      figure('failed', '送れなかった', 'LINEに断られて送れなかったメッセージです。職員の返信なら、会話の画面からもう一度送れます。'),
      figure('skipped', '送らなかった(ブロック)', '相談者がLINEでこのアカウントをブロックしているため、送らなかったメッセージです。'),
      figure('broadcastBatchesFailed', '今月送れなかったお知らせ', '今月のお知らせ配信で、LINEに断られた送信の回数です(1回で最大500人に送ります)。'),
    ],
  };
}
