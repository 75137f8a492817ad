/** The camera registry (雪亮工程 and registered cameras): what the API accepts and answers. */
import { z } from 'zod'
import { calendarDay } from './dates'

/** The API's int4 ids: positive and below 2^31, so a huge id is a 400 naming the field, not a 500. */
export const int4Id = z.coerce.number().int().positive().max(2_147_483_647)

export const cameraKinds = ['fixed', 'ptz', 'dome'] as const
export const cameraStatuses = ['online', 'offline', 'fault'] as const
/** public = 雪亮工程, community = 小区/村自建, private = registered private camera. */
export const cameraOwners = ['public', 'community', 'private'] as const

const installedOn = calendarDay('installedOn')

/** A camera's fields, every one required and none defaulted (the base of POST and PATCH). */
const cameraFields = z.object({
  code: z.string().trim().min(1, 'code is required').max(40),
  name: z.string().trim().min(1, 'name is required').max(80),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  bearing: z.number().min(0, 'bearing must be 0–360°').max(360, 'bearing must be 0–360°'),
  fov: z.number().min(1, 'field of view must be 1–360°').max(360, 'field of view must be 1–360°'),
  rangeM: z.number().min(1, 'range must be 1–500 m').max(500, 'range must be 1–500 m'),
  heightM: z.number().min(0, 'height must be 0–100 m').max(100, 'height must be 0–100 m'),
  kind: z.enum(cameraKinds),
  status: z.enum(cameraStatuses),
  owner: z.enum(cameraOwners),
  /** The station that registered it (its scope). Station roles may only register for their own. */
  stationId: int4Id.nullable(),
  installedOn: installedOn.nullable(),
})

/** One camera as the registry stores it. `bearing` is degrees clockwise from north. */
export const cameraInput = cameraFields.extend({
  status: cameraFields.shape.status.default('online'),
  stationId: cameraFields.shape.stationId.default(null),
  installedOn: cameraFields.shape.installedOn.default(null),
})
export type CameraInput = z.infer<typeof cameraInput>

/**
 * PATCH: any subset of the fields (a status change is the common one). Built on the fields without
 * defaults: zod 4 fills a default even inside `.partial()`, which would reset the status, station and
 * install date of every camera whose bearing was changed.
 */
export const cameraUpdate = cameraFields
  .omit({ code: true })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'nothing to change' })
export type CameraUpdate = z.infer<typeof cameraUpdate>

export const cameraRecord = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
  bearing: z.number(),
  fov: z.number(),
  rangeM: z.number(),
  heightM: z.number(),
  kind: z.enum(cameraKinds),
  status: z.enum(cameraStatuses),
  owner: z.enum(cameraOwners),
  stationId: z.number().int().nullable(),
  installedOn: z.string().nullable(),
  statusChangedAt: z.string(),
  /** Area of its computed view area (sector minus what buildings hide), m²; null before it is computed. */
  viewAreaM2: z.number().nullable(),
  /** The grid of the version in force that contains it. */
  grid: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
})
export type CameraRecord = z.infer<typeof cameraRecord>

export const cameraListQuery = z.object({
  grid: int4Id.optional(),
  status: z.enum(cameraStatuses).optional(),
  kind: z.enum(cameraKinds).optional(),
  /** Part of the code or name. */
  q: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export const cameraList = z.object({ total: z.number().int(), items: z.array(cameraRecord) })
export type CameraList = z.infer<typeof cameraList>

/** POST /api/import/cameras: all rows or none; each problem names its line and field. */
export const cameraImportResult = z.object({ inserted: z.number().int(), updated: z.number().int(), rows: z.number().int() })
export type CameraImportResult = z.infer<typeof cameraImportResult>
