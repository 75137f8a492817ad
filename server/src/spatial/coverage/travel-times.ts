import Graph from 'graphology'
import { singleSource } from 'graphology-shortest-path/dijkstra'
import type { RoadEdge } from './road-network'

export type Speeds = Record<RoadEdge['class'], number>

/** Where a place meets the road network: a point on an edge (fraction from its source) and the walk to it. */
export interface Attachment {
  edgeId: number
  fraction: number
  accessM: number
}

/** From the door to the road (a compound, a lane, a car park): slow, about walking pace on a bike. */
export const ACCESS_SPEED_MS = 10 / 3.6

/**
 * The road network as a weighted graph (seconds per edge at the speed of its class), with the shortest
 * travel times from a place to every node (graphology's Dijkstra) and from there to any other place.
 */
export function createTravelGraph(edges: RoadEdge[], speedsKmh: Speeds) {
  const graph = new Graph({ type: 'undirected', multi: true, allowSelfLoops: false })
  const seconds = new Map<number, { source: string; target: string; s: number }>()
  for (const e of edges) {
    const source = String(e.source)
    const target = String(e.target)
    graph.mergeNode(source)
    graph.mergeNode(target)
    const s = e.lengthM / (speedsKmh[e.class] / 3.6)
    graph.addEdge(source, target, { s })
    seconds.set(e.id, { source, target, s })
  }

  /** Seconds from the place to every node it can reach by road. */
  function timesFrom(place: Attachment): Map<string, number> {
    const edge = seconds.get(place.edgeId)
    const times = new Map<string, number>()
    if (!edge) return times
    const origin = `place:${place.edgeId}:${place.fraction}`
    const access = place.accessM / ACCESS_SPEED_MS
    graph.addNode(origin)
    graph.addEdge(origin, edge.source, { s: access + edge.s * place.fraction })
    graph.addEdge(origin, edge.target, { s: access + edge.s * (1 - place.fraction) })
    try {
      const paths = singleSource(graph, origin, (_key, attributes) => (attributes as { s: number }).s)
      // Each path ends with its node: its time is its predecessor's plus the cheapest edge between them.
      const ordered = Object.entries(paths).sort((a, b) => a[1].length - b[1].length)
      times.set(origin, 0)
      for (const [node, path] of ordered) {
        if (node === origin) continue
        const before = path[path.length - 2]!
        let step = Infinity
        for (const key of graph.edges(before, node)) step = Math.min(step, graph.getEdgeAttribute(key, 's') as number)
        times.set(node, times.get(before)! + step)
      }
      times.delete(origin)
    } finally {
      graph.dropNode(origin)
    }
    return times
  }

  /** Seconds from the origin of `times` to another attached place, or null when no road joins them. */
  function timeTo(times: Map<string, number>, place: Attachment): number | null {
    const edge = seconds.get(place.edgeId)
    if (!edge) return null
    const viaSource = (times.get(edge.source) ?? Infinity) + edge.s * place.fraction
    const viaTarget = (times.get(edge.target) ?? Infinity) + edge.s * (1 - place.fraction)
    const best = Math.min(viaSource, viaTarget)
    return Number.isFinite(best) ? best + place.accessM / ACCESS_SPEED_MS : null
  }

  /**
   * The stretches of road reachable within `limitS`: [edge, from, to] as fractions of each edge from its
   * source. An edge is covered from both ends as far as the time left at each end allows.
   */
  function reachedStretches(times: Map<string, number>, place: Attachment, limitS: number): [number, number, number][] {
    const out: [number, number, number][] = []
    for (const [id, e] of seconds) {
      const fromSource = Math.min(1, Math.max(0, (limitS - (times.get(e.source) ?? Infinity)) / e.s))
      const fromTarget = Math.min(1, Math.max(0, (limitS - (times.get(e.target) ?? Infinity)) / e.s))
      if (fromSource + fromTarget >= 1) out.push([id, 0, 1])
      else {
        if (fromSource > 0) out.push([id, 0, fromSource])
        if (fromTarget > 0) out.push([id, 1 - fromTarget, 1])
      }
    }
    // The place's own edge, both ways from where it meets it.
    const own = seconds.get(place.edgeId)
    const left = limitS - place.accessM / ACCESS_SPEED_MS
    if (own && left > 0) out.push([place.edgeId, Math.max(0, place.fraction - left / own.s), Math.min(1, place.fraction + left / own.s)])
    return mergeStretches(out)
  }

  return { timesFrom, timeTo, reachedStretches, nodes: graph.order }
}

/** Overlapping stretches of one edge merged into one: the same road counted and buffered once. */
export function mergeStretches(stretches: [number, number, number][]): [number, number, number][] {
  const sorted = [...stretches].sort((x, y) => x[0] - y[0] || x[1] - y[1])
  const out: [number, number, number][] = []
  for (const s of sorted) {
    const last = out.at(-1)
    if (last && last[0] === s[0] && s[1] <= last[2]) last[2] = Math.max(last[2], s[2])
    else out.push([s[0], s[1], s[2]])
  }
  return out
}
