export * from './incidents'
