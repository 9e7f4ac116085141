// Under test: the words that name a main-menu section (from its labels in every language), pure; nothing faked.
import { describe, expect, test } from 'vitest';
import { menuWords, sectionNamed } from '../../../src/flows/faq/menu-words';

const words = menuWords([
  { section: 'consult', labels: ['相談する', 'そうだん する', 'Ask for help'] },
  { section: 'volunteer', labels: ['ボランティア', 'ボランティア', 'Volunteering'] },
  { section: 'donate', labels: ['寄付・寄贈', 'きふ・きぞう', 'Donations'] },
]);

describe('menu words', () => {
  test('a label, or a label with the endings residents add, names its section', () => {
    expect(sectionNamed('相談する', words)).toBe('consult');
    expect(sectionNamed('相談したい', words)).toBe('consult');
    expect(sectionNamed('そうだん したい', words)).toBe('consult');
    expect(sectionNamed('ボランティアを頼みたい', words)).toBe('volunteer');
    expect(sectionNamed('ボランティア！', words)).toBe('volunteer');
    expect(sectionNamed('寄付したい', words)).toBe('donate');
    expect(sectionNamed('Ask for help', words)).toBe('consult');
    expect(sectionNamed('volunteering', words)).toBe('volunteer');
  });

  test('a question that merely contains a label does not', () => {
    expect(sectionNamed('ボランティア保険はいくらですか', words)).toBeNull();
    expect(sectionNamed('相談の記録はいつまで残りますか', words)).toBeNull();
    expect(sectionNamed('', words)).toBeNull();
  });
});
