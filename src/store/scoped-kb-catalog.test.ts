// One person's view of a team server's knowledge bases, over the PostgreSQL catalog (the one backend with owners):
// members create private knowledge bases, admins shared ones; someone else's private one is missing, not forbidden,
// to read; only its owner changes a private one and only an admin a shared one.
import { afterAll, describe, expect, it } from 'vitest';
import { lazyPgDatabases } from '../../test/support/pg-cluster.js';
import { createPostgresKbCatalog } from './postgres/postgres-kb-catalog.js';
import { createPostgresUserDirectory } from './postgres/postgres-user-directory.js';
import { scopeKbCatalog } from './scoped-kb-catalog.js';

const databases = lazyPgDatabases('scoped');
afterAll(() => databases.stop());

describe('scopeKbCatalog', () => {
  it('keeps private knowledge bases to their owner and shared ones to admins for writing', async () => {
    const url = await databases.next();
    const base = createPostgresKbCatalog({ url });
    const users = createPostgresUserDirectory({ url });
    try {
      // Owners are rows of `users` (a foreign key): made through the directory, ids 1, 2, 3 in order.
      const [alice, bob, root] = [
        scopeKbCatalog(base, await users.add('alice', 'member')),
        scopeKbCatalog(base, await users.add('bob', 'member')),
        scopeKbCatalog(base, await users.add('root', 'admin')),
      ];
      await alice.catalog.create('alice-notes');
      await root.catalog.create('team');
      await base.create('from-cli');
      expect(await base.ownership()).toEqual([
        { name: 'alice-notes', ownerId: 1, visibility: 'private' },
        { name: 'from-cli', ownerId: undefined, visibility: 'shared' },
        { name: 'team', ownerId: 3, visibility: 'shared' },
      ]);
      expect(await alice.catalog.list()).toEqual(['alice-notes', 'from-cli', 'team']);
      expect(await bob.catalog.list()).toEqual(['from-cli', 'team']);
      expect(await root.catalog.list()).toEqual(['from-cli', 'team']);
      expect(await bob.catalog.exists('alice-notes')).toBe(false);
      await expect(bob.catalog.open('alice-notes')).rejects.toMatchObject({ code: 'not_found' });
      await expect(bob.catalog.create('alice-notes')).rejects.toMatchObject({ code: 'not_found' });
      await expect(bob.catalog.remove('alice-notes')).rejects.toMatchObject({ code: 'not_found' });
      await expect(bob.assertWritable('alice-notes')).rejects.toMatchObject({ code: 'forbidden' });
      await expect(bob.assertWritable('team')).rejects.toMatchObject({ code: 'forbidden' });
      await expect(bob.catalog.remove('team')).rejects.toMatchObject({ code: 'forbidden' });
      await expect(alice.assertWritable('alice-notes')).resolves.toBeUndefined();
      await expect(root.assertWritable('team')).resolves.toBeUndefined();
      await expect(bob.assertWritable('a-new-name')).resolves.toBeUndefined();
      expect((await bob.catalog.open('team')).kb).toBe('team');
      await alice.catalog.remove('alice-notes');
      expect(await base.list()).toEqual(['from-cli', 'team']);
    } finally {
      await users.close();
      await base.close();
    }
  });
});
