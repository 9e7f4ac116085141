// Under test: the decision whether the browser tests run, are skipped or fail (tests/helpers/browser.ts).
// Nothing is faked: the decision is a pure function of "Chromium is installed" and the CI variable.
import { describe, expect, test } from 'vitest';
import { browserTestMode } from '../helpers/browser';

describe('browserTestMode', () => {
  test('with Chromium installed the browser tests run, in CI or not', () => {
    expect(browserTestMode(true, undefined)).toBe('run');
    expect(browserTestMode(true, '')).toBe('run');
    expect(browserTestMode(true, 'true')).toBe('run');
  });

  test('without Chromium and without CI they are skipped', () => {
    expect(browserTestMode(false, undefined)).toBe('skip');
    expect(browserTestMode(false, '')).toBe('skip');
  });

  test('without Chromium in CI (CI set to any non-empty value) they fail', () => {
    for (const ci of ['true', '1', 'yes', 'false']) expect(browserTestMode(false, ci)).toBe('fail');
  });
});
