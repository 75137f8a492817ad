import { hash, verify } from '@node-rs/argon2'

/** argon2id (the library's default algorithm) with OWASP's minimum cost: 19 MiB, 2 passes. */
const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string) => hash(password, COST)

/** Compared against when the username is unknown, so a miss takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined

export async function verifyPassword(storedHash: string | null, password: string) {
  if (storedHash === null) {
    await verify(await (dummyHash ??= hashPassword('no such user, but spend the same time')), password).catch(() => false)
    return false
  }
  return verify(storedHash, password).catch(() => false)
}
