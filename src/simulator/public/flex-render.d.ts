/** Types of `flex-render.js` (a plain browser module), for the tests that import it. */
export function esc(value: unknown): string;
export function color(value: unknown): string | undefined;
export function safeUrl(value: unknown, options?: { image?: boolean }): string | undefined;
export function actionLabel(action: unknown): string;
export function linkify(text: unknown): string;
export function renderMessage(message: unknown): string;
export function renderQuickReply(quickReply: unknown): string;
export function renderRichMenu(menu: unknown, imageUrl: string | undefined): string;
export function renderTemplate(template: unknown, altText?: string): string;
export function renderFlex(container: unknown): string;
