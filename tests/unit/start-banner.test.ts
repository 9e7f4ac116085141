// Under test: the text `npm start` prints once the service is ready (src/start-banner.ts). Nothing is faked.
import { describe, expect, test } from 'vitest';
import { startBanner } from '../../src/composition/start-banner';

describe('startBanner', () => {
  test('with a LINE channel: the service, health, webhook and console URLs and how to create a staff account', () => {
    expect(startBanner('http://127.0.0.1:3000', false).split('\n')).toEqual([
      'Tsunagu is running: http://127.0.0.1:3000',
      '  health:  http://127.0.0.1:3000/healthz   readiness: http://127.0.0.1:3000/readyz',
      '  webhook: http://127.0.0.1:3000/webhook',
      '  console: http://127.0.0.1:3000/console   (create a staff account: npm run staff:create -- --login <id> --name <名前> --role admin)',
    ]);
  });

  test('in simulator mode it also says so and gives the simulator page', () => {
    const lines = startBanner('http://127.0.0.1:3000', true).split('\n');
    expect(lines.slice(4)).toEqual(['  LINE:    no channel configured (simulator mode)', '  simulator: http://127.0.0.1:3000/simulator']);
  });
});
