import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { IdleCollector } from '../../server/src/lsp/idleGc';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('idle collector: collects once after enough checking and a pause, never for small documents', async () => {
  const big = new IdleCollector(20, 4000);
  big.checked(300); // 2,400 bytes: under the threshold
  await sleep(80);
  assert.equal(big.collections, 0, 'a small amount of garbage never triggers a collection');
  big.checked(300); // 4,800 bytes in all
  await sleep(120);
  assert.equal(big.collections, 1, 'one collection after the pause');
  await sleep(60);
  assert.equal(big.collections, 1, 'and only one: the count starts again');
});

test('idle collector: typing keeps postponing the collection', async () => {
  const c = new IdleCollector(300, 10);
  for (let i = 0; i < 6; i++) {
    c.checked(100);
    await sleep(20);
  }
  assert.equal(c.collections, 0, 'no collection while edits keep coming');
  await sleep(600);
  assert.equal(c.collections, 1);
  c.dispose();
});
