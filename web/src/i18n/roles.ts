import type { Role } from '@gridwatch/server/contracts'
import type { MessageKey } from './messages'

/** The label of every role (the type makes a new server role fail the build until it has one). */
export const roleLabels: Record<Role, MessageKey> = {
  admin: 'roleAdmin',
  commander: 'roleCommander',
  station_chief: 'roleStationChief',
  officer: 'roleOfficer',
  grid_worker: 'roleGridWorker',
  planner: 'rolePlanner',
  viewer: 'roleViewer',
}

/** Roles in the server's order, widest view first (the keys above, kept in that order). */
export const roleList = Object.keys(roleLabels) as Role[]

/** The label of a role named by the server as a plain string (e.g. the audit log's or demo accounts' role). */
export const roleLabel = (role: string | null): MessageKey | null => (role !== null && Object.hasOwn(roleLabels, role) ? roleLabels[role as Role] : null)

/** A role's name in the current language; an unknown role as the server spelled it. */
export function roleName(t: (key: MessageKey) => string, role: string | null) {
  const key = roleLabel(role)
  return key ? t(key) : (role ?? '')
}
