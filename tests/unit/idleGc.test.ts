/**
 * The idle collector on node:test's mock clock: setTimeout is mocked, so every pause is exact and
 * the tests take no real time. (The collection itself is real: `collections` counts calls of V8's gc.)
 */
import { afterEach, beforeEach, mock, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { IdleCollector } from '../../server/src/lsp/idleGc';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

/** Longer than any wait the collector sets up (idle time plus its 300 ms second pass). */
const LONG = 60_000;

test('idle collector: collects once after enough checking and a pause, never for small documents', () => {
  const c = new IdleCollector(20, 4000);
  c.checked(300); // 2,400 bytes: under the threshold
  mock.timers.tick(LONG);
  assert.equal(c.collections, 0, 'a small amount of garbage never triggers a collection');
  c.checked(300); // 4,800 bytes in all
  mock.timers.tick(19);
  assert.equal(c.collections, 0, 'not before the pause is over');
  mock.timers.tick(1);
  assert.equal(c.collections, 1, 'one collection when the pause reaches idleMs');
  mock.timers.tick(LONG);
  assert.equal(c.collections, 1, 'and only one: the second pass is not another collection');
  c.checked(300); // the count started again: 2,400 bytes
  mock.timers.tick(LONG);
  assert.equal(c.collections, 1, 'the count starts again after a collection');
  c.checked(300); // 4,800 bytes again
  mock.timers.tick(20);
  assert.equal(c.collections, 2, 'enough garbage again, a second collection');
  c.dispose();
});

test('idle collector: typing keeps postponing the collection', () => {
  const c = new IdleCollector(300, 10);
  for (let i = 0; i < 6; i++) {
    c.checked(100);
    mock.timers.tick(299);
  }
  assert.equal(c.collections, 0, 'no collection while edits keep coming (each within idleMs of the last)');
  c.checked(100);
  mock.timers.tick(299);
  assert.equal(c.collections, 0, 'the wait counts from the last edit');
  mock.timers.tick(1);
  assert.equal(c.collections, 1);
  c.dispose();
});

test('idle collector: dispose cancels a pending collection', () => {
  const c = new IdleCollector(20, 10);
  c.checked(100);
  c.dispose();
  mock.timers.tick(LONG);
  assert.equal(c.collections, 0);
});
