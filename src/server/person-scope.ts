// Who a request on a team server acts for. With a database URL every /api, /v1, /mcp and /openapi.json request must
// carry a personal token (`mianba user add`); the middleware resolves it to a person and runs the rest of the request
// with that person's App (App.forUser). Routes receive `personal.app`, which forwards each access to the App of the
// request in flight (AsyncLocalStorage), so no route can reach another person's data, and none needs to know.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { App } from '../app.js';
import { AppError } from '../core/errors.js';
import { bearerToken } from './security.js';

export type Person = NonNullable<App['user']>;

export interface PersonalApp {
  /** The App of the request in flight: the person's on a team server, else the server's own. */
  app: App;
  /** Resolves the personal token on protected paths (401 without a valid one) and scopes the request to its person. */
  middleware: MiddlewareHandler;
}

export function personalApp(
  base: App,
  options: { verify: (token: string) => Promise<Person | undefined>; isProtected: (path: string) => boolean },
): PersonalApp {
  const storage = new AsyncLocalStorage<App>();
  const current = () => storage.getStore() ?? base;
  const app = new Proxy(base, {
    get(_target, property) {
      const target = current();
      return Reflect.get(target, property, target);
    },
  });
  const middleware: MiddlewareHandler = async (c, next) => {
    if (!options.isProtected(c.req.path)) return next();
    const token = bearerToken(c.req.header('authorization'));
    const person = token ? await options.verify(token) : undefined;
    if (!person) throw new AppError('unauthorized', 'a team server needs your personal token (Authorization: Bearer <token> from `mianba user add`)');
    return storage.run(base.forUser(person), () => next());
  };
  return { app, middleware };
}

/** Throws unless the request's person is an admin (user management, server settings on a team server). */
export function assertAdmin(app: App): void {
  if (!app.user) throw new AppError('usage', 'users belong to a team server: set MIANBA_DATABASE_URL to a PostgreSQL database (see README, "Team server")');
  if (app.user.role !== 'admin') throw new AppError('forbidden', 'only an admin may do this');
}
