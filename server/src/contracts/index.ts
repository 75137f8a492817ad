export * from './incidents'
export * from './auth'
