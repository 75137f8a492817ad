import { bootDatabase } from '../db/boot'
import { DatabaseUnavailableError } from '../db/client'
import { readEnv } from '../env'
import { ensureReferenceData } from '../services/reference-data'
import { InputError } from '../services/errors'
import { exportIncidentsCommand } from './export-incidents'
import { importCamerasCommand } from './import-cameras'
import { importGridsCommand } from './import-grids'
import { importIncidentsCommand } from './import-incidents'
import { partnerSimCommand } from './partner-sim'
import { replayCommand } from './replay'
import { userCommand } from './users'

const usage = `GridWatch command line

  pnpm gridwatch import grids <file.geojson|.kml|.zip> [--name-field F] [--code-field F]
  pnpm gridwatch import incidents <file.csv|.geojson> [--lon COL --lat COL] [--id COL] [--time COL] [--category COL]
                 [--source COL] [--address COL] [--priority COL] [--crs wgs84|gcj02|bd09|cgcs2000|EPSG:n]
                 [--default-source 110|12345|grid_report|camera_alert|walk_in|import] [--rejects FILE]
  pnpm gridwatch import cameras <file.csv>     (header code,name,lon,lat,bearing,fov,rangeM,heightM,kind,status,owner,stationId,installedOn)
  pnpm gridwatch export incidents [--format csv|geojson] [--out FILE]
  pnpm gridwatch user add <username> --role admin|commander|station_chief|officer|grid_worker|planner|viewer
                 [--name 显示名] [--station STATION_CODE] [--person PERSON_ID]
  pnpm gridwatch user list | passwd <username> | disable <username> | enable <username>
  pnpm gridwatch replay [--speed 60] [--chain-speed 1] [--hours 24] [--from latest|busiest|TIME] [--limit N]
                 [--url http://127.0.0.1:8080] [--user commander] [--scale S] [--seed N] [--concurrency 4] [--dry-run]
  pnpm gridwatch partner-sim --partner CODE [--port 18181] [--host 127.0.0.1] [--url http://127.0.0.1:8080] [--step 5]

Passwords are read from GRIDWATCH_PASSWORD, else from stdin, else asked for on the terminal.

For GeoJSON the coordinates come from the Point geometry and the other options name properties.
The database is the one GridWatch uses (DATABASE_URL, or the embedded one in GRIDWATCH_DATA_DIR).
Stop a running GridWatch before using the embedded database from the command line.

replay is a client of a running GridWatch (--url, else GRIDWATCH_URL): it signs in (password from
GRIDWATCH_PASSWORD, the demo password in demo mode, else stdin or a prompt) and sends the demo county's
incidents through the ingest API in time order, --speed times faster (60: an hour in a minute).

partner-sim plays an exchange partner (城管, 12345 …) for a running GridWatch: it takes the matters
forwarded to it (signature checked, each idempotency key once) and reports their progress back every
--step seconds. The shared secret is read from GRIDWATCH_PARTNER_SECRET.`

const log = (line: string) => process.stderr.write(`[gridwatch] ${line}\n`)

async function main(argv: string[]) {
  const [verb, noun, ...rest] = argv
  const command = `${verb ?? ''} ${noun ?? ''}`.trim()
  if (!verb || verb === 'help' || verb === '--help') {
    console.log(usage)
    return 0
  }
  const env = readEnv()
  // An HTTP client of a running GridWatch: it must not open (or lock) the database the server holds.
  if (verb === 'replay') return await replayCommand(argv.slice(1), env)
  if (verb === 'partner-sim') return await partnerSimCommand(argv.slice(1), env)
  const handle = await bootDatabase(env, log)
  try {
    await ensureReferenceData(handle.db)
    if (verb === 'user') return await userCommand(handle.db, [noun ?? '', ...rest])
    switch (command) {
      case 'import grids':
        return await importGridsCommand(handle.db, rest, env)
      case 'import incidents':
        return await importIncidentsCommand(handle.db, rest, env)
      case 'import cameras':
        return await importCamerasCommand(handle.db, rest)
      case 'export incidents':
        return await exportIncidentsCommand(handle.db, rest)
      default:
        console.error(`Unknown command "${command}".\n\n${usage}`)
        return 2
    }
  } finally {
    await handle.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof DatabaseUnavailableError || error instanceof InputError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    console.error(`[gridwatch] ${known || error instanceof Error ? (error as Error).message : String(error)}`)
    if (!known && error instanceof Error && process.env.GRIDWATCH_DEBUG) console.error(error.stack)
    process.exit(1)
  },
)
