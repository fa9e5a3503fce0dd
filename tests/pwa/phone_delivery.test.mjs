// What the phone does with the server's answers about delivery, without a browser: a test
// notification is queued (202) and its outcome read back until it is known.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sendTestNotification } from '../../pwa/js/push-subscribe.js';

function fakeApi(answers) {
  const asked = [];
  return {
    asked,
    post: async (path) => { asked.push(['POST', path]); return answers.shift(); },
    get: async (path) => { asked.push(['GET', path]); return answers.shift(); },
  };
}
const noPause = async () => {};

test('a queued test is read back until it is sent', async () => {
  const api = fakeApi([{ id: 7, status: 'queued' }, { id: 7, status: 'sending' }, { id: 7, status: 'sent' }]);
  assert.equal(await sendTestNotification(api, { pause: noPause }), 'sent');
  assert.deepEqual(api.asked, [['POST', '/api/me/reminders/test'],
    ['GET', '/api/me/reminders/test/7'], ['GET', '/api/me/reminders/test/7']]);
});

test('a test no device took is said to have failed', async () => {
  const api = fakeApi([{ id: 3, status: 'queued' }, { id: 3, status: 'failed' }]);
  assert.equal(await sendTestNotification(api, { pause: noPause }), 'failed');
});

test('a test still unsent after the wait is on its way, and the asking stops', async () => {
  const api = fakeApi(Array.from({ length: 100 }, () => ({ id: 1, status: 'queued' })));
  assert.equal(await sendTestNotification(api, { pause: noPause }), 'on-its-way');
  assert.ok(api.asked.length <= 22, api.asked.length);
});
