import { createInterface } from 'node:readline'
import { sql } from 'drizzle-orm'
import { password as passwordRule, roles, userInput, type Role } from '../contracts/auth'
import { queryRows, type Database } from '../db/client'
import { createUser, listUsers, updateUser, writeAudit } from '../auth'
import { findUserId } from '../auth/users'
import { InputError } from '../services/errors'
import { options } from './args'

const cliOrigin = { ip: null, userAgent: 'gridwatch-cli', query: 'cli' }
const asCli = { user: null, username: `cli:${process.env.USER ?? 'unknown'}` }

/**
 * The new password: GRIDWATCH_PASSWORD, else one line on stdin (`echo … | pnpm gridwatch user add …`),
 * else a hidden prompt on a terminal. Never a command-line argument (it would sit in the shell history).
 */
async function readPassword(prompt: string): Promise<string> {
  const line = process.env.GRIDWATCH_PASSWORD || (await readLine(prompt))
  const checked = passwordRule.safeParse(line)
  if (!checked.success) throw new InputError(checked.error.issues[0]!.message, 'password')
  return checked.data
}

/** One line from stdin; typed on a terminal, it is prompted for and not echoed. */
export async function readLine(prompt: string): Promise<string> {
  const input = process.stdin
  const rl = createInterface({ input, output: process.stderr, terminal: input.isTTY })
  if (input.isTTY) {
    process.stderr.write(prompt)
    // Hide what is typed.
    ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {}
  }
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')))
  rl.close()
  if (input.isTTY) process.stderr.write('\n')
  return line
}

async function stationByCode(db: Database, code: string | undefined) {
  if (code === undefined) return null
  const [s] = await queryRows<{ id: number }>(db, sql`select id from stations where code = ${code}`)
  if (!s) throw new InputError(`No station with code ${code}`, 'station')
  return s.id
}

async function userId(db: Database, username: string | undefined) {
  if (!username) throw new InputError('Give the username', 'username')
  const id = await findUserId(db, username)
  if (id === undefined) throw new InputError(`No user ${username}`, 'username')
  return id
}

/** `user add|list|passwd|disable|enable`: the way to create the first admin. */
export async function userCommand(db: Database, args: string[]) {
  const [action, ...rest] = args
  const { values, positionals } = options(rest, { role: { type: 'string' }, name: { type: 'string' }, station: { type: 'string' }, person: { type: 'string' } })
  const username = positionals[0]
  switch (action) {
    case 'add': {
      if (!values.role || !roles.includes(values.role as Role)) throw new InputError(`Give --role, one of ${roles.join(', ')}`, 'role')
      const candidate = userInput.safeParse({
        username,
        displayName: values.name ?? username,
        password: 'checked-separately',
        role: values.role,
        stationId: await stationByCode(db, values.station),
        personId: values.person === undefined ? null : Number(values.person),
      })
      if (!candidate.success) {
        const issue = candidate.error.issues[0]!
        throw new InputError(issue.message, issue.path.join('.') || undefined)
      }
      const user = await createUser(db, { ...candidate.data, password: await readPassword(`Password for ${candidate.data.username}: `) })
      await writeAudit(db, asCli, cliOrigin, { action: 'user.create', subjectType: 'user', subjectIds: [user.id], detail: { username: user.username, role: user.role } })
      console.log(`Created ${user.username} (${user.role}).`)
      return 0
    }
    case 'list':
      for (const u of await listUsers(db)) console.log(`${u.username.padEnd(20)} ${u.role.padEnd(14)} ${u.disabled ? 'disabled' : 'active  '} ${u.displayName}`)
      return 0
    case 'passwd': {
      const id = await userId(db, username)
      await updateUser(db, id, { password: await readPassword(`New password for ${username}: `) })
      await writeAudit(db, asCli, cliOrigin, { action: 'user.update', subjectType: 'user', subjectIds: [id], detail: { passwordChanged: true } })
      console.log(`Password of ${username} changed; their sessions have ended.`)
      return 0
    }
    case 'disable':
    case 'enable': {
      const id = await userId(db, username)
      await updateUser(db, id, { disabled: action === 'disable' })
      await writeAudit(db, asCli, cliOrigin, { action: 'user.update', subjectType: 'user', subjectIds: [id], detail: { disabled: action === 'disable' } })
      console.log(`${username} ${action}d.`)
      return 0
    }
    default:
      throw new InputError('user add <username> --role R [--name N] [--station CODE] [--person ID] | user list | user passwd <username> | user disable|enable <username>', 'action')
  }
}
