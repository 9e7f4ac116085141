// Under test: the simulator page's reading of LINE's oaMessage links (line-urls.js, a plain browser module run under
// Node), against the link the reception poster prints (checkInLink). Nothing is faked.
import { describe, expect, test } from 'vitest';
import { checkInLink, checkInText } from '../../src/domain/disaster/check-in';
import { readOaMessage } from '../../src/simulator/public/line-urls.js';

describe('readOaMessage', () => {
  test("reads back the poster's check-in link: the account and the message typed in", () => {
    const link = checkInLink('@tsunagu-demo', 'AB12CD34');
    expect(link).toBe('https://line.me/R/oaMessage/%40tsunagu-demo/?%E5%8F%97%E4%BB%98%20AB12CD34');
    expect(readOaMessage(link)).toEqual({ accountId: '@tsunagu-demo', text: checkInText('AB12CD34') });
  });

  test('an unencoded @ and a missing slash before the text are read as LINE reads them', () => {
    expect(readOaMessage('https://line.me/R/oaMessage/@abc1234?hello%20world')).toEqual({ accountId: '@abc1234', text: 'hello world' });
    expect(readOaMessage('https://line.me/R/oaMessage/@abc1234/')).toEqual({ accountId: '@abc1234', text: '' });
  });

  test('any other link is not an oaMessage link', () => {
    for (const link of ['https://example.com/R/oaMessage/@a/?x', 'http://line.me/R/oaMessage/@a/?x', 'https://line.me/R/ti/p/@a', 'line://oaMessage/@a/?x', 'not a url', 'https://line.me/R/oaMessage/@a/?%E0%A4%A']) {
      expect(readOaMessage(link)).toBeNull();
    }
  });
});
