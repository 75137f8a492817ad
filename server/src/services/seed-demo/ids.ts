import type { DemoCounty } from '@gridwatch/data'

/**
 * The demo county is seeded into an empty database with explicit ids, so rows can refer to each other
 * by the generator's array positions. Admin areas: 1 = county, then townships, then communities.
 */
export function demoIds(c: DemoCounty) {
  const firstCommunity = c.townships.length + 2
  return {
    station: (index: number) => index + 1,
    township: (index: number) => index + 2,
    community: (index: number) => firstCommunity + index,
    grid: (index: number) => index + 1,
    person: (index: number) => index + 1,
    building: (index: number) => index + 1,
    incident: (index: number) => index + 1,
    stationOfCommunity: (index: number) => c.townships[c.communities[index]!.township]!.station + 1,
  }
}
