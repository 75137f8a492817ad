import { Hono } from 'hono'
import { z } from 'zod'
import { userInput, userUpdate } from '../contracts/auth'
import type { Database } from '../db/client'
import { clientIp, createUser, listUsers, requestOrigin, requires, updateUser, writeAudit, type AuthEnv } from '../auth'
import { InputError } from '../services/errors'
import { validate } from './validate'

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })

/** User administration (admin only). Every change is audited; changes that matter end the user's sessions. */
export const userRoutes = (db: Database, options: { trustProxy: boolean }) =>
  new Hono<AuthEnv>()
    .use(requires('users:manage'))
    .get('/', async (c) => c.json(await listUsers(db)))
    .post('/', validate('json', userInput), async (c) => {
      const input = c.req.valid('json')
      const user = await db.transaction(async (tx) => {
        const created = await createUser(tx, input)
        await writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), {
          action: 'user.create',
          subjectType: 'user',
          subjectIds: [created.id],
          detail: { username: created.username, role: created.role, stationId: created.stationId, personId: created.personId },
        })
        return created
      })
      return c.json(user, 201)
    })
    .patch('/:id', validate('param', idParam), validate('json', userUpdate), async (c) => {
      const { id } = c.req.valid('param')
      const change = c.req.valid('json')
      // An admin cannot lock themself out: no self-disable, no giving up their own admin role.
      if (id === c.var.principal.user.id && (change.disabled === true || (change.role && change.role !== 'admin'))) {
        throw new InputError('You cannot disable your own account or drop your own admin role', change.disabled ? 'disabled' : 'role', 409)
      }
      const user = await db.transaction(async (tx) => {
        const updated = await updateUser(tx, id, change)
        const { password: _password, ...visible } = change
        await writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), {
          action: 'user.update',
          subjectType: 'user',
          subjectIds: [id],
          detail: { ...visible, ...(change.password ? { passwordChanged: true } : {}) },
        })
        return updated
      })
      return c.json(user)
    })
