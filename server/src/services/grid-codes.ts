import { readingOrder, type BoundaryFile } from '@gridwatch/data'
import { InputError } from './errors'

export interface CodeCandidate {
  idx: number
  /** A 15-digit code to keep, or null to number the grid. */
  code: string | null
  community_code: string
  /** A point inside the grid, x scaled by cos(latitude) so bands and order follow the ground. */
  x: number
  y: number
}

/**
 * Grid codes (community code + 3 digits): a valid code of the grid's own community not yet taken is kept; the other grids of each
 * community are numbered north→south, west→east with the lowest free numbers.
 */
export function assignCodes(rows: CodeCandidate[]) {
  const taken = new Set<string>()
  const result: { idx: number; code: string }[] = []
  const pending = new Map<string, typeof rows>()
  for (const r of rows) {
    if (r.code && /^[0-9]{15}$/.test(r.code) && r.code.startsWith(r.community_code) && !taken.has(r.code)) {
      taken.add(r.code)
      result.push({ idx: r.idx, code: r.code })
    } else pending.set(r.community_code, [...(pending.get(r.community_code) ?? []), r])
  }
  for (const [community, members] of pending) {
    let seq = 0
    for (const k of readingOrder(members.map((m) => [m.x, m.y]))) {
      let code
      do code = `${community}${String(++seq).padStart(3, '0')}`
      while (taken.has(code))
      if (seq > 999) throw new InputError(`Community ${community} would need more than 999 grids`, 'file', 422)
      taken.add(code)
      result.push({ idx: members[k]!.idx, code })
    }
  }
  return result
}

const nameCandidates = ['name', 'NAME', 'Name', '名称', 'grid_name']
const codeCandidates = ['code', 'CODE', '编码', 'grid_code']

/** The properties of a boundary file holding grid names and codes: as asked, else the first usual one present. */
export function boundaryFields(file: BoundaryFile, asked: { nameField?: string; codeField?: string }) {
  const first = (candidates: string[]) => candidates.find((c) => file.features.some((f) => f.properties[c] != null))
  return { nameField: asked.nameField ?? first(nameCandidates), codeField: asked.codeField ?? first(codeCandidates) }
}
