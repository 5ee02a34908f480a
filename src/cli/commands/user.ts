// `mianba user add NAME [--admin] | user list | user remove NAME --yes`: the people of a team server (PostgreSQL).
// `add` prints the personal token once; only its hash is stored, so a lost token means remove and add again.
import { AppError } from '../../core/errors.js';
import type { Command } from '../cli-context.js';
import { withApp } from '../open-app.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = 'mianba user add NAME [--admin] | user list | user remove NAME --yes   [--json]';

export const runUser: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs(
    args,
    { admin: { type: 'boolean' }, yes: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    context.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const [action, name, ...extra] = positionals;
  if (extra.length > 0) throw new AppError('usage', `unexpected argument "${extra[0]}"\n\nusage: ${usage}`);
  const needName = () => {
    if (!name) throw new AppError('usage', `missing user NAME\n\nusage: ${usage}`);
    return name;
  };
  const print = (value: unknown, text: string) => context.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
  return withApp(context, {}, async (app) => {
    if (action === 'add') {
      const user = await app.users().add(needName(), values.admin ? 'admin' : 'member');
      print(user, `user "${user.name}" (${user.role}) added; personal token (shown once, keep it secret):\n${user.token}`);
      return 0;
    }
    if (action === 'list') {
      const users = await app.users().list();
      print(
        { users },
        users.length === 0 ? 'no users (add one: mianba user add NAME)' : users.map((user) => `${user.name.padEnd(20)} ${user.role}`).join('\n'),
      );
      return 0;
    }
    if (action === 'remove') {
      const target = needName();
      if (!values.yes) throw new AppError('usage', `removing user "${target}" revokes their token; confirm with --yes`);
      await app.users().remove(target);
      print({ removed: target }, `user "${target}" removed`);
      return 0;
    }
    throw new AppError('usage', `${action ? `unknown action "${action}"` : 'missing action'}\n\nusage: ${usage}`);
  });
};
