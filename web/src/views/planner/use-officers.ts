import type { DirectoryPerson } from '@gridwatch/server/contracts'
import { listPeople, listStationOfficers } from '../../api/people'
import { useLoad } from '../coverage/use-load'

/** People read when the 网格长 is not among the station's officers (another station's, or not a 民警). */
const DIRECTORY_LIMIT = 1000

/**
 * The police officers of a community's station (the 网格长 candidates), and the grid's current 网格长
 * as the directory knows them: from that list, or else looked up in the whole directory in scope
 * (`undefined` while not known, null when the grid has none or the directory lacks them).
 */
export function useOfficers(communityId: number | null, officerId: number | null) {
  const station = useLoad((signal) => listStationOfficers(communityId!, { signal }), communityId)
  const fromStation = officerId === null ? null : station.data?.find((p) => p.id === officerId)
  const lookElsewhere = officerId !== null && !station.busy && station.data !== null && fromStation === undefined
  const directory = useLoad((signal) => listPeople({ limit: DIRECTORY_LIMIT }, { signal }), lookElsewhere ? 'directory' : null)
  let current: DirectoryPerson | null | undefined
  if (officerId === null) current = null
  else if (fromStation) current = fromStation
  else if (directory.data) current = directory.data.find((p) => p.id === officerId) ?? null
  else if (station.error || directory.error) current = null
  return { officers: station.data, loading: station.busy || station.data === null, error: station.error, current }
}
