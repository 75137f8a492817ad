/** What `tests/bench` drives: the same code paths the server runs, nothing bench-only. */
export { createApp } from './app'
export { queryRows, openDatabase, type DatabaseHandle } from './db/client'
export { migrateDatabase } from './db/migrate'
export { encodeArrow } from './routes/arrow'
export { importIncidents } from './services/import-incidents'
export { ensureReferenceData } from './services/reference-data'
export { seedDemoCounty } from './services/seed-demo'
export { createUser } from './auth/users'
