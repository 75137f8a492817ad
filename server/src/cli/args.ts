import { parseArgs, type ParseArgsConfig } from 'node:util'

/** Strict option parsing: an unknown option is an error that names it. */
export const options = <O extends NonNullable<ParseArgsConfig['options']>>(args: string[], spec: O) =>
  parseArgs({ args, options: spec, allowPositionals: true, strict: true })
