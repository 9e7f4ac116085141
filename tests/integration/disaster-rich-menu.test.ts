// Under test: the two rich menus as the simulator deploys them (the real images in assets/rich-menu/, through the
// LINE adapter over HTTP) and switchRichMenu moving the default between them by alias. Faked: LINE itself, by the
// project's fake Messaging API on a local port.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { switchRichMenu } from '../../src/bot/rich-menu/deploy-rich-menu';
import { LineMessenger } from '../../src/infra/line/line-messenger';
import { startFakeLineServer, type FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { deploySimulatorRichMenu } from '../../src/simulator/deploy-simulator-rich-menu';

const TOKEN = 'test-channel-token';
let server: FakeLineServer;
let admin: LineMessenger;

beforeEach(async () => {
  server = await startFakeLineServer({ port: 0, channelAccessToken: TOKEN });
  admin = new LineMessenger({ channelAccessToken: TOKEN, apiBaseUrl: server.url, dataApiBaseUrl: server.url, timeoutMs: 5000 });
});
afterEach(async () => {
  await server.close();
});

test('both menus are deployed with their images, the main one default; the switch moves the default and back', async () => {
  const { main, disaster } = await deploySimulatorRichMenu(admin);
  const menus = server.state.richMenus;
  expect(menus.defaultRichMenuId).toBe(main.richMenuId);
  expect(menus.alias('disaster')).toBe(disaster.richMenuId);
  expect(menus.get(disaster.richMenuId).image).toBeDefined();

  expect(await switchRichMenu(admin, 'disaster')).toBe(disaster.richMenuId);
  expect(menus.defaultRichMenuId).toBe(disaster.richMenuId);
  expect(menus.effectiveFor('U0123456789abcdef0123456789abcdef')).toBe(disaster.richMenuId);

  expect(await switchRichMenu(admin, 'main')).toBe(main.richMenuId);
  expect(menus.defaultRichMenuId).toBe(main.richMenuId);
});
