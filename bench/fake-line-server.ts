/**
 * The project's fake LINE Messaging API in a process of its own, for `npm run bench:webhook`: the bench
 * starts it with an IPC channel (`node --import tsx bench/fake-line-server.ts`) so that answering the
 * service's replies never shares an event loop with the load generator.
 *
 * It answers the bench over IPC (see `bench/webhook/fake-protocol.ts`): registers friends, issues reply
 * tokens, and reports when each reply (by reply token) and each push (by user) was accepted. Exits when
 * the bench disconnects. Env: `FAKE_LINE_TOKEN` (the channel access token it accepts), `PORT` (0 = any).
 */
import { startFakeLineServer } from '../src/simulator/fake-line/fake-line-api';
import type { FakeCollected, FakeCommand, FakeReply } from './webhook/fake-protocol';
import { benchNow } from './webhook/fake-protocol';

if (!process.send) {
  console.error('bench/fake-line-server.ts is started by the webhook bench with an IPC channel');
  process.exit(2);
}
const send = (message: FakeReply): void => void process.send?.(message);

const server = await startFakeLineServer({
  channelAccessToken: process.env.FAKE_LINE_TOKEN ?? 'bench-token',
  port: Number(process.env.PORT ?? 0),
  // The bench reads what it needs from the `request` events; the fake's own logs stay small.
  maxRecords: 2_000,
});
const { state } = server;

let replies: FakeCollected['replies'] = [];
let pushes: FakeCollected['pushes'] = [];
let accepted: string[] = [];
const counts: Record<string, number> = {};

state.events.on('request', (request) => {
  const at = benchNow();
  const key = `${request.endpoint} ${request.status}`;
  counts[key] = (counts[key] ?? 0) + 1;
  const body = request.body as { replyToken?: unknown; to?: unknown } | undefined;
  if ((request.endpoint === 'reply' || request.endpoint === 'push') && request.status === 200) accepted.push(request.requestId);
  if (request.endpoint === 'reply') {
    replies.push([typeof body?.replyToken === 'string' ? body.replyToken : '', at, request.status]);
  } else if (request.endpoint === 'push' && request.status === 200 && typeof body?.to === 'string') {
    pushes.push([body.to, at]);
  }
});

process.on('message', (command: FakeCommand) => {
  switch (command.type) {
    case 'friends':
      for (const userId of command.users) state.setFriend(userId, { language: command.language });
      send({ type: 'ok', id: command.id });
      break;
    case 'issue':
      send({ type: 'issued', id: command.id, tokens: command.users.map((userId) => state.issueReplyToken(userId)) });
      break;
    case 'collect':
      send({ type: 'collected', id: command.id, replies, pushes, counts, accepted });
      replies = [];
      pushes = [];
      accepted = [];
      break;
  }
});

const stop = (): void => {
  void server.close().finally(() => process.exit(0));
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

send({ type: 'ready', url: server.url, pid: process.pid });
