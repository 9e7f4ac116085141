/**
 * The comparison peer of `npm run bench:webhook`: an echo bot written the way LINE's own SDK example does
 * it (line/line-bot-sdk-nodejs `examples/echo-bot`): Express, the SDK's `middleware({channelSecret})` for
 * the signature check and body parsing, and `MessagingApiClient.replyMessage` echoing each text message.
 * As in the example, the webhook answers 200 once the replies have been sent; nothing is stored.
 *
 * Env: PORT (default 3000), HOST (default 127.0.0.1), LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN,
 * LINE_API_BASE_URL (default https://api.line.me; the bench points it at its fake LINE API).
 * Run: `tsx bench/peers/sdk-echo/server.ts`.
 */
import { messagingApi, middleware, type webhook } from '@line/bot-sdk';
import express from 'express';

const channelSecret = process.env.LINE_CHANNEL_SECRET ?? '';
const channelAccessToken = process.env.LINE_CHANNEL_ACCESS_TOKEN ?? '';
const baseURL = process.env.LINE_API_BASE_URL;

const client = new messagingApi.MessagingApiClient({ channelAccessToken, ...(baseURL ? { baseURL } : {}) });

const app = express();

app.post('/callback', middleware({ channelSecret }), (req, res) => {
  const { events } = req.body as webhook.CallbackRequest;
  Promise.all(events.map(handleEvent))
    .then((result) => res.json(result))
    .catch((err: unknown) => {
      console.error(err);
      res.status(500).end();
    });
});

function handleEvent(event: webhook.Event): Promise<messagingApi.ReplyMessageResponse | null> {
  if (event.type !== 'message' || event.message.type !== 'text' || !event.replyToken) {
    return Promise.resolve(null);
  }
  const echo: messagingApi.TextMessage = { type: 'text', text: event.message.text };
  return client.replyMessage({ replyToken: event.replyToken, messages: [echo] });
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
app.listen(port, host, () => {
  console.log(`listening on ${host}:${port}`);
});
