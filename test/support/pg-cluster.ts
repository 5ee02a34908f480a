// A throwaway PostgreSQL cluster for tests and benches: initdb into a temp folder, postgres on a free 127.0.0.1 port
// with its unix socket inside that folder, one database, removed on stop() and on process exit. Never uses a system
// service; finds Debian's binaries under /usr/lib/postgresql/<version>/bin when they are not on PATH.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export interface PgCluster {
  /** postgres://… URL of the database created for the caller. */
  url: string;
  port: number;
  /** Creates another empty database on the same cluster and returns its URL. */
  createDatabase(name: string): string;
  /** Stops the server (immediate mode) and removes the folder. Safe to call twice. */
  stop(): void;
}

const superuser = 'mianba';

/** Starts a cluster; `database` is created empty. Takes ~2 s (initdb without fsync). */
export async function startPgCluster(database = 'mianba'): Promise<PgCluster> {
  const bin = postgresBinDir();
  const root = mkdtempSync(join(tmpdir(), 'mianba-pg-'));
  const data = join(root, 'data');
  const asPostgres = userInfo().uid === 0;
  if (asPostgres) chownSync(root, postgresUid().uid, postgresUid().gid);
  let stopped = false;
  let started = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    if (started) run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], asPostgres, false);
    rmSync(root, { recursive: true, force: true });
  };
  // Also on failure and on exit of the test process: a crashed test must not leave a postgres running.
  process.on('exit', stop);
  try {
    run(bin, 'initdb', ['-D', data, '-U', superuser, '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C.UTF-8'], asPostgres);
    let port = 0;
    // A free port can be taken between probing and binding; retry a few times on a fresh one.
    for (let attempt = 0; attempt < 5 && !started; attempt++) {
      port = await freePort();
      const options = [
        '-c listen_addresses=127.0.0.1',
        `-p ${port}`,
        `-k ${root}`,
        // Throwaway data: durability off makes the tests fast.
        '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
        '-c max_connections=60',
      ].join(' ');
      const result = run(bin, 'pg_ctl', ['-D', data, '-l', join(root, 'server.log'), '-w', '-t', '30', '-o', options, 'start'], asPostgres, false);
      started = result.status === 0;
    }
    if (!started) throw new Error(`postgres did not start; log:\n${readLog(root)}`);
    const urlOf = (name: string) => `postgres://${superuser}@127.0.0.1:${port}/${name}`;
    const createDatabase = (name: string) => {
      run(bin, 'createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', superuser, name], asPostgres);
      return urlOf(name);
    };
    createDatabase(database);
    return { url: urlOf(database), port, createDatabase, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** The folder holding initdb/pg_ctl: PATH first, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  // Debian puts wrappers or links on PATH; the real folder also holds createdb and postgres.
  const real = onPath ? dirname(realpathSync(onPath)) : '';
  if (real && ['initdb', 'createdb', 'postgres'].every((program) => existsSync(join(real, program)))) return real;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((name) => existsSync(join(base, name, 'bin', 'pg_ctl'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed: no pg_ctl on PATH or under /usr/lib/postgresql/*/bin (apt-get install postgresql-15)');
  return join(base, newest, 'bin');
}

function run(bin: string, program: string, args: string[], asPostgres: boolean, check = true) {
  const command = join(bin, program);
  // initdb and postgres refuse to run as root: drop to the postgres user.
  const result = asPostgres
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8', timeout: 60_000 })
    : spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (check && (result.error || result.status !== 0))
    throw new Error(`${program} failed (${result.status}): ${result.error?.message ?? ''}${result.stderr}${result.stdout}`);
  return result;
}

function postgresUid(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root needs a "postgres" system user to run the cluster');
  return { uid, gid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function readLog(root: string): string {
  const file = join(root, 'server.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '(no log)';
}

/** One cluster started on first use, handing out a fresh empty database per call (for per-test isolation). */
export function lazyPgDatabases(prefix = 'test'): { next(): Promise<string>; stop(): Promise<void> } {
  let cluster: Promise<PgCluster> | undefined;
  let count = 0;
  return {
    async next() {
      cluster ??= startPgCluster(`${prefix}_0`);
      return (await cluster).createDatabase(`${prefix}_${++count}`);
    },
    async stop() {
      if (cluster) (await cluster).stop();
    },
  };
}
