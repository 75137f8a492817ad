import { sql, type SQL } from 'drizzle-orm'
import { readCameraCsv, CameraCsvError } from '@gridwatch/data'
import { cameraInput, type CameraImportResult, type CameraInput, type CameraList, type CameraRecord, type CameraUpdate } from '../contracts/cameras'
import { cameraScope, currentVersionId, type Scope } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { InputError } from './errors'

// The figures are stored as real: through numeric they come out as typed (5.6, not 5.599999904632568).
const recordColumns = sql`
  c.id, c.code, c.name, ST_X(c.geom) as lon, ST_Y(c.geom) as lat, c.bearing::numeric::float8 as bearing, c.fov::numeric::float8 as fov,
  c.range_m::numeric::float8 as "rangeM", c.height_m::numeric::float8 as "heightM", c.kind::text as kind, c.status::text as status,
  c.owner::text as owner, c.station_id as "stationId", c.installed_on::text as "installedOn", c.status_changed_at as "statusChangedAt",
  round(ST_Area(v.geom::geography)::numeric, 1)::float8 as "viewAreaM2",
  (select json_build_object('id', g.id, 'code', g.code, 'name', g.name) from grids g
    where g.version_id = ${currentVersionId} and g.geom && c.geom and ST_Covers(g.geom, c.geom) order by g.code limit 1) as grid`

async function records(db: Database, where: SQL, page = sql``): Promise<CameraRecord[]> {
  const rows = await queryRows<CameraRecord & { statusChangedAt: string | Date }>(db, sql`
    select ${recordColumns} from cameras c left join camera_view_areas v on v.camera_id = c.id where ${where} order by c.code ${page}`)
  return rows.map((r) => ({ ...r, statusChangedAt: new Date(r.statusChangedAt).toISOString() }))
}

export async function listCameras(db: Database, scope: Scope, q: { grid?: number; status?: string; kind?: string; q?: string; limit: number; offset: number }): Promise<CameraList> {
  const where = sql.join(
    [
      cameraScope(scope),
      q.grid !== undefined ? sql`exists (select 1 from grids g where g.id = ${q.grid} and g.geom && c.geom and ST_Covers(g.geom, c.geom))` : sql`true`,
      q.status ? sql`c.status = ${q.status}::camera_status` : sql`true`,
      q.kind ? sql`c.kind = ${q.kind}::camera_kind` : sql`true`,
      q.q ? sql`(c.code ilike ${`%${escapeLike(q.q)}%`} or c.name ilike ${`%${escapeLike(q.q)}%`})` : sql`true`,
    ],
    sql` and `,
  )
  const [count] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from cameras c where ${where}`)
  return { total: count?.total ?? 0, items: await records(db, where, sql`limit ${q.limit} offset ${q.offset}`) }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`)

/** One camera in scope, or null (missing and out of scope answer alike). */
export async function getCamera(db: Database, scope: Scope, id: number): Promise<CameraRecord | null> {
  return (await records(db, sql`c.id = ${id} and ${cameraScope(scope)}`))[0] ?? null
}

/** A station's roles register and edit only their own station's cameras. */
function stationFor(scope: Scope, stationId: number | null | undefined, field = 'stationId'): number | null {
  if (scope.kind !== 'station') return stationId ?? null
  if (stationId !== null && stationId !== undefined && stationId !== scope.stationId) throw new InputError('A station registers cameras for itself only', field, 422)
  return scope.stationId
}

/** Station ids that name no station, each with the field to blame: a 422 rather than a foreign-key 500. */
async function unknownStations(db: Database, wanted: { stationId: number | null; field: string }[]) {
  const ids = [...new Set(wanted.map((w) => w.stationId).filter((id): id is number => id !== null))]
  if (ids.length === 0) return []
  const known = new Set((await queryRows<{ id: number }>(db, sql`select id from stations where id = any(${`{${ids.join(',')}}`}::int[])`)).map((r) => r.id))
  return wanted.filter((w) => w.stationId !== null && !known.has(w.stationId))
}

async function checkStation(db: Database, stationId: number | null) {
  const [unknown] = await unknownStations(db, [{ stationId, field: 'stationId' }])
  if (unknown) throw new InputError(`No police station with id ${unknown.stationId}`, 'stationId', 422)
}

const values = (c: CameraInput, stationId: number | null) => sql`
  (${c.code}, ${c.name}, ST_SetSRID(ST_MakePoint(${c.lon}::float8, ${c.lat}::float8), 4326), ${c.bearing}, ${c.fov}, ${c.rangeM}, ${c.heightM},
   ${c.kind}::camera_kind, ${c.status}::camera_status, ${c.owner}::camera_owner, ${stationId}, ${c.installedOn}::date)`

/** Registers a camera; its view area is computed by the database in the same statement (trigger). */
export async function createCamera(db: Database, scope: Scope, input: CameraInput): Promise<CameraRecord> {
  const stationId = stationFor(scope, input.stationId)
  await checkStation(db, stationId)
  // `on conflict`: two registrations of one code at once get a 409 too, not a unique-violation 500.
  const [row] = await queryRows<{ id: number }>(db, sql`
    insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, status, owner, station_id, installed_on)
    values ${values(input, stationId)} on conflict (code) do nothing returning id`)
  if (!row) throw new InputError(`A camera with code ${input.code} is already registered`, 'code', 409)
  return (await getCamera(db, { kind: 'county' }, row!.id))!
}

/** Changes a camera in scope; only a change of position, bearing, field of view, range or kind recomputes its view area. */
export async function updateCamera(db: Database, scope: Scope, id: number, change: CameraUpdate): Promise<CameraRecord | null> {
  // Locked while it changes: a concurrent delete or edit waits, and scope was checked on this very row.
  const [locked] = await queryRows(db, sql`select 1 from cameras c where c.id = ${id} and ${cameraScope(scope)} for update`)
  if (!locked) return null
  const current = (await getCamera(db, scope, id))!
  if (change.stationId !== undefined) await checkStation(db, stationFor(scope, change.stationId))
  const set: SQL[] = []
  if (change.name !== undefined) set.push(sql`name = ${change.name}`)
  if (change.lon !== undefined || change.lat !== undefined) set.push(sql`geom = ST_SetSRID(ST_MakePoint(${change.lon ?? current.lon}::float8, ${change.lat ?? current.lat}::float8), 4326)`)
  if (change.bearing !== undefined) set.push(sql`bearing = ${change.bearing}`)
  if (change.fov !== undefined) set.push(sql`fov = ${change.fov}`)
  if (change.rangeM !== undefined) set.push(sql`range_m = ${change.rangeM}`)
  if (change.heightM !== undefined) set.push(sql`height_m = ${change.heightM}`)
  if (change.kind !== undefined) set.push(sql`kind = ${change.kind}::camera_kind`)
  if (change.status !== undefined && change.status !== current.status) set.push(sql`status = ${change.status}::camera_status, status_changed_at = now()`)
  if (change.owner !== undefined) set.push(sql`owner = ${change.owner}::camera_owner`)
  if (change.stationId !== undefined) set.push(sql`station_id = ${stationFor(scope, change.stationId)}`)
  if (change.installedOn !== undefined) set.push(sql`installed_on = ${change.installedOn}::date`)
  if (set.length > 0) await db.execute(sql`update cameras set ${sql.join(set, sql`, `)} where id = ${id}`)
  return getCamera(db, scope, id)
}

export async function deleteCamera(db: Database, scope: Scope, id: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(db, sql`delete from cameras c where c.id = ${id} and ${cameraScope(scope)} returning c.id`)
  return rows.length > 0
}

const IMPORT_BATCH = 2000
/** Problems listed in one error message at most. */
const LISTED_PROBLEMS = 10

/**
 * A registry CSV, all rows or none: every row is validated against the same contract as the API, and
 * rows whose code exists update that camera (in scope only). View areas follow by trigger, in the same
 * transaction.
 */
export async function importCameras(db: Database, scope: Scope, text: string): Promise<CameraImportResult> {
  let rows
  try {
    rows = readCameraCsv(text)
  } catch (error) {
    if (error instanceof CameraCsvError) throw new InputError(error.message, error.field)
    throw error
  }
  if (rows.length === 0) throw new InputError('The file has a header but no cameras', 'file')
  const problems: { field: string; message: string }[] = []
  const valid: { line: number; camera: CameraInput; stationId: number | null; statusGiven: boolean }[] = []
  const seen = new Map<string, number>()
  for (const { line, values } of rows) {
    const parsed = cameraInput.safeParse(values)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ field: `line ${line}: ${issue.path.join('.') || 'row'}`, message: `line ${line}: ${issue.path.join('.')} — ${issue.message}` })
      continue
    }
    const first = seen.get(parsed.data.code)
    if (first !== undefined) problems.push({ field: `line ${line}: code`, message: `line ${line}: code ${parsed.data.code} is already on line ${first}` })
    seen.set(parsed.data.code, line)
    try {
      valid.push({ line, camera: parsed.data, stationId: stationFor(scope, parsed.data.stationId, `line ${line}: stationId`), statusGiven: values.status !== undefined })
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push({ field: error.field!, message: `line ${line}: ${error.message}` })
    }
  }
  for (const unknown of await unknownStations(db, valid.map((v) => ({ stationId: v.stationId, field: `line ${v.line}: stationId` })))) {
    problems.push({ field: unknown.field, message: `${unknown.field} — no police station with id ${unknown.stationId}` })
  }
  if (problems.length === 0 && scope.kind === 'station') {
    // Codes that exist must be this station's own cameras.
    const foreign = await queryRows<{ code: string }>(db, sql`
      select code from cameras where code = any(${`{${valid.map((v) => `"${v.camera.code.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[])
        and station_id is distinct from ${scope.stationId}`)
    for (const f of foreign) {
      const line = seen.get(f.code)!
      problems.push({ field: `line ${line}: code`, message: `line ${line}: camera ${f.code} belongs to another station` })
    }
  }
  if (problems.length > 0) {
    const more = problems.length > LISTED_PROBLEMS ? ` (and ${problems.length - LISTED_PROBLEMS} more)` : ''
    throw new InputError(`${problems.length} problem(s), nothing imported: ${problems.slice(0, LISTED_PROBLEMS).map((p) => p.message).join('; ')}${more}`, problems[0]!.field, 422)
  }
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    let inserted = 0
    // Cells not given keep an existing camera's value: station and install date by coalesce, the status
    // by a statement of its own for the rows without one (a new camera there starts online).
    for (const statusGiven of [true, false]) {
      const rows = valid.filter((v) => v.statusGiven === statusGiven)
      const status = statusGiven
        ? sql`status_changed_at = case when cameras.status is distinct from excluded.status then now() else cameras.status_changed_at end, status = excluded.status`
        : sql`status = cameras.status`
      // 12 parameters a row: batches stay far below PostgreSQL's 65,535 per statement.
      for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
        const batch = rows.slice(i, i + IMPORT_BATCH)
        const result = await queryRows<{ inserted: boolean }>(tx, sql`
          insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, status, owner, station_id, installed_on)
          values ${sql.join(batch.map((v) => values(v.camera, v.stationId)), sql`, `)}
          on conflict (code) do update set name = excluded.name, geom = excluded.geom, bearing = excluded.bearing, fov = excluded.fov,
            range_m = excluded.range_m, height_m = excluded.height_m, kind = excluded.kind, owner = excluded.owner,
            station_id = coalesce(excluded.station_id, cameras.station_id), installed_on = coalesce(excluded.installed_on, cameras.installed_on),
            ${status}
          returning (xmax = 0) as inserted`)
        inserted += result.filter((r) => r.inserted).length
      }
    }
    return { inserted, updated: valid.length - inserted, rows: valid.length }
  })
}
