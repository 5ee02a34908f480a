// The people of a team server over HTTP, for admins only (403 `forbidden` for members): list, add (the personal
// token is in the answer, the only time it is readable), remove. On SQLite there are no users (400 `usage`).
import { z } from 'zod';
import type { App } from '../app.js';
import { type ApiRoute, defineRoute } from './api-route.js';
import { assertAdmin } from './person-scope.js';

const userSchema = z.object({ name: z.string(), role: z.enum(['admin', 'member']), createdAt: z.string() });
const userName = z.string().min(1).max(64).describe('user name: letters, digits, ., - and _');

export function userRoutes(app: App): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/users',
      tag: 'users',
      summary: 'The people of a team server (admin only)',
      response: z.object({ users: z.array(userSchema) }),
      async handle() {
        assertAdmin(app);
        return { users: await app.users().list() };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      tag: 'users',
      summary: 'Add a person (admin only); the answer carries their personal token, shown this once',
      body: z.object({ name: userName, role: z.enum(['admin', 'member']).optional() }),
      response: userSchema.extend({ token: z.string() }),
      async handle({ body }) {
        assertAdmin(app);
        return app.users().add(body.name, body.role ?? 'member');
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/users/:name',
      tag: 'users',
      summary: 'Remove a person (admin only); their token stops working at once',
      params: z.object({ name: userName }),
      response: z.object({ removed: z.string() }),
      async handle({ params }) {
        assertAdmin(app);
        await app.users().remove(params.name);
        return { removed: params.name };
      },
    }),
  ];
}
