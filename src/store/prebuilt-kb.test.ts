import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedKbFile } from './prebuilt-kb.js';

describe('seeding a knowledge base from a prebuilt copy', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'mianba-seed-'));

  it('copies the prebuilt file into a missing knowledge base, creating its folder, and leaves no temporary file', () => {
    const root = folder();
    writeFileSync(join(root, 'builtin.db'), 'prebuilt bytes');
    const target = join(root, 'home', 'kb', 'builtin.db');
    expect(seedKbFile(target, join(root, 'builtin.db'))).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('prebuilt bytes');
    expect(readdirSync(join(root, 'home', 'kb'))).toEqual(['builtin.db']);
  });

  it('never replaces an existing knowledge base', () => {
    const root = folder();
    writeFileSync(join(root, 'builtin.db'), 'prebuilt bytes');
    writeFileSync(join(root, 'mine.db'), 'the user data');
    expect(seedKbFile(join(root, 'mine.db'), join(root, 'builtin.db'))).toBe(false);
    expect(readFileSync(join(root, 'mine.db'), 'utf8')).toBe('the user data');
  });

  it('does nothing without a prebuilt copy (a checkout that was not built)', () => {
    const root = folder();
    expect(seedKbFile(join(root, 'kb', 'builtin.db'), join(root, 'missing.db'))).toBe(false);
    expect(existsSync(join(root, 'kb', 'builtin.db'))).toBe(false);
  });
});
