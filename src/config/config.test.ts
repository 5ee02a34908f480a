// Configuration: defaults written once (the no-configuration fast path equals what the schema's defaults give),
// defaults < config file < environment < flags, and a bad value named by its path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFilePath, defaultConfig, loadConfig } from './config.js';
import { configSchema } from './config-schema.js';

const freshHome = () => mkdtempSync(join(tmpdir(), 'mianba-config-'));

describe('configuration', () => {
  it('with nothing configured equals the schema defaults (one set of defaults)', async () => {
    const home = freshHome();
    const loaded = await loadConfig({ env: { MIANBA_HOME: home } });
    expect(loaded).toEqual(defaultConfig(home, 'default'));
    expect(configSchema.parse({ home, kb: 'default' })).toEqual(defaultConfig(home, 'default'));
  });

  it('layers defaults < config file < environment < flags', async () => {
    const home = freshHome();
    writeFileSync(configFilePath(home), JSON.stringify({ kb: 'from-file', maxFileMb: 10, retrieval: { candidates: 80 } }));
    const fromFile = await loadConfig({ env: { MIANBA_HOME: home } });
    expect(fromFile).toMatchObject({ kb: 'from-file', maxFileMb: 10, retrieval: { candidates: 80, rrfK: 60 } });
    expect((await loadConfig({ env: { MIANBA_HOME: home, MIANBA_KB: 'from-env' } })).kb).toBe('from-env');
    expect((await loadConfig({ env: { MIANBA_HOME: home, MIANBA_KB: 'from-env' }, flags: { kb: 'from-flag', maxFileMb: 3 } })).maxFileMb).toBe(3);
  });

  it('names the bad field and the knowledge-base name rule', async () => {
    const home = freshHome();
    writeFileSync(configFilePath(home), JSON.stringify({ retrieval: { candidates: -1 } }));
    await expect(loadConfig({ env: { MIANBA_HOME: home } })).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('retrieval.candidates'),
    });
    await expect(loadConfig({ env: { MIANBA_HOME: freshHome(), MIANBA_KB: 'bad name' } })).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('knowledge base names use letters'),
    });
  });
});
