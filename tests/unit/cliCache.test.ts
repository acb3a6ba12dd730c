/** The CLI result cache on its own: keys, damaged entries, pruning, where it lives. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ResultCache, codeCacheRoot, defaultCacheDir } from '../../server/src/cli/cache';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pb-cache-unit-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

describe('ResultCache', () => {
  const finding = { line: 3, column: 5, endLine: 3, endColumn: 9, severity: 'warning', code: 'uncited-figure', message: 'Uncited figure' };

  it('keys depend on the text, the format and the settings', () => {
    const c = new ResultCache(root, '1.0.0');
    const k = c.key('text', 'markdown', { a: 1 });
    assert.equal(k, c.key('text', 'markdown', { a: 1 }));
    assert.notEqual(k, c.key('text!', 'markdown', { a: 1 }));
    assert.notEqual(k, c.key('text', 'plaintext', { a: 1 }));
    assert.notEqual(k, c.key('text', 'markdown', { a: 2 }));
    assert.notEqual(k, new ResultCache(root, '1.0.1').key('text', 'markdown', { a: 1 }), 'another version of the tool');
  });

  it('stores and reads back; a wrong shape is a miss', () => {
    const c = new ResultCache(root, '1.0.0');
    const k = c.key('stored', 'markdown', {});
    assert.equal(c.get(k), undefined);
    c.set(k, { brief: true, checked: true, findings: [finding] });
    assert.deepEqual(c.get(k), { brief: true, checked: true, findings: [finding] });
    fs.writeFileSync(path.join(root, 'v2', `${k}.json`), JSON.stringify({ brief: true, findings: [{ ...finding, line: 'x' }] }));
    assert.equal(c.get(k), undefined);
    fs.writeFileSync(path.join(root, 'v2', `${k}.json`), '{"brief": tr');
    assert.equal(c.get(k), undefined);
    assert.ok(fs.existsSync(path.join(root, 'CACHEDIR.TAG')), 'backup tools can skip it');
  });

  it('prunes entries unused for 30 days, keeps the rest', () => {
    const c = new ResultCache(root, '1.0.0');
    const fresh = c.key('fresh', 'markdown', {});
    const stale = c.key('stale', 'markdown', {});
    c.set(fresh, { brief: false, checked: true, findings: [] });
    c.set(stale, { brief: false, checked: true, findings: [] });
    const old = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    fs.utimesSync(path.join(root, 'v2', `${stale}.json`), old, old);
    assert.ok(c.prune() >= 1);
    assert.ok(c.get(fresh));
    assert.equal(c.get(stale), undefined);
  });
});

describe('cache location', () => {
  it('--cache-dir, --no-cache and the environment', () => {
    const env = { POLICY_BRIEF_CACHE_DIR: '/e' };
    assert.equal(codeCacheRoot(['--no-cache', 'a.md'], '/w', env), path.join('/e', 'code'), 'compiled code is cached with --no-cache too');
    assert.equal(codeCacheRoot(['a.md'], '/w', { ...env, NODE_DISABLE_COMPILE_CACHE: '1' }), undefined);
    assert.equal(codeCacheRoot(['--cache-dir', 'c', 'a.md'], '/w', env), path.join(path.resolve('/w', 'c'), 'code'));
    assert.equal(codeCacheRoot(['--cache-dir=/x/c', 'a.md'], '/w', env), path.join(path.resolve('/x/c'), 'code'));
    assert.equal(codeCacheRoot(['--cache-dir=', 'a.md'], '/w', env), undefined, 'an empty folder is never the working folder');
    assert.equal(codeCacheRoot(['--', '--cache-dir=x'], '/w', env), path.join('/e', 'code'), 'after -- it is a file name');
    assert.equal(defaultCacheDir({ POLICY_BRIEF_CACHE_DIR: '/e' }), '/e');
    if (process.platform === 'linux') {
      assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }), path.join('/xdg', 'policy-brief'));
      assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.cache', 'policy-brief'));
    }
  });
});
