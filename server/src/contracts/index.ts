export * from './incidents'
export * from './auth'
export * from './wall'
export * from './coverage'
