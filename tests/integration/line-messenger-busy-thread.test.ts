// Under test: LineMessenger's per-attempt timeout when our own thread, not LINE, is slow: an answer that reached the
// socket while the thread was blocked must not be taken for a timeout. Faked: LINE (the project's fake Messaging API,
// served over real HTTP from this process, with latency), so the answer really waits in the socket.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFakeLineServer, type FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { LineMessenger } from '../../src/infra/line/line-messenger';

const TOKEN = 'busy-thread-token';
let line: FakeLineServer;

beforeAll(async () => {
  line = await startFakeLineServer({ channelAccessToken: TOKEN, faults: { latencyMs: 20 } });
});
afterAll(async () => {
  await line.close();
});

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

test('a reply LINE answered while the thread was blocked past the timeout is sent, once, not a timeout', async () => {
  line.state.setFriend('Ubusy');
  const token = line.state.issueReplyToken('Ubusy');
  const messenger = new LineMessenger({ channelAccessToken: TOKEN, apiBaseUrl: line.url, dataApiBaseUrl: line.url, timeoutMs: 150 });
  const call = messenger.reply(token, [{ type: 'text', text: 'こんにちは' }]);
  // Let the request leave, then hold the thread (a long synchronous database write, say) well past the timeout.
  await new Promise((r) => setTimeout(r, 10));
  busyFor(600);
  expect(await call).toMatchObject({ duplicate: false, requestId: expect.any(String) });
  expect(line.state.deliveries.filter((d) => d.to === 'Ubusy')).toHaveLength(1);
});

test('a call LINE really does not answer in time still times out', async () => {
  line.state.setFaults({ rules: [{ kind: 'noAnswer', phase: 'before', rate: 1, hangMs: 2000, endpoints: ['reply'] }] });
  const token = line.state.issueReplyToken('Ubusy');
  const messenger = new LineMessenger({ channelAccessToken: TOKEN, apiBaseUrl: line.url, dataApiBaseUrl: line.url, timeoutMs: 150 });
  await expect(messenger.reply(token, [{ type: 'text', text: 'こんにちは' }])).rejects.toMatchObject({ kind: 'network' });
  line.state.setFaults({});
});
