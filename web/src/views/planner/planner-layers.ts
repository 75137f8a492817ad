import type { Layer } from '@deck.gl/core'
import { FillStyleExtension } from '@deck.gl/extensions'
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import type { PlanDiff, PlanProblem } from '@gridwatch/server/contracts'
import type { Feature, MultiPolygon, Position } from 'geojson'
import type { AreaProperties } from '../../api/map-data'
import type { PlanGrid } from '../../api/plans'
import type { Rgba } from '../../map/choropleth'
import { drawBelow } from '../../map/layers/draw-below'
import type { Outline } from './plan-geometry'
import { suggestionArrowLayers, suggestionBlockLayers } from './suggestion-layers'
import type { SuggestionOverlay } from './suggestion-preview'
import { noScoreColor } from './workload-scale'

/** The basemap layer the grid colours go under, so place names stay on top. */
const BELOW_LABELS = 'labels-township'

export interface GridLabel {
  key: string
  text: string
  position: Position
  /** Drawn in the plan, not yet numbered. */
  fresh: boolean
}

export interface PlannerLayerInput {
  /** The township or community the plan redraws. */
  planArea: Feature<MultiPolygon, AreaProperties> | null
  grids: readonly PlanGrid[]
  fills: ReadonlyMap<string, Rgba>
  selected: readonly string[]
  /** The grid terra-draw holds for reshaping: deck.gl leaves its outline to terra-draw. */
  editingKey: string | null
  labels: readonly GridLabel[]
  problem: PlanProblem | null
  /** Land changing hands, while the changes are reviewed. */
  diff: PlanDiff['pieces'] | null
  /** A rebalancing suggestion being previewed: its moved blocks and arrows, over everything else. */
  suggestion: SuggestionOverlay | null
  /** Footprints a stroke of the building tool has passed over so far. */
  painted: readonly Outline[]
  /** Fills fade when zoomed in, so streets and buildings show through. */
  zoom: number
}

const hatch = new FillStyleExtension({ pattern: true, proceduralPattern: true })

/** deck.gl compares update triggers by value; the fills change identity on every new score. */
const versions = new WeakMap<object, number>()
let nextVersion = 0
const versionOf = (o: object) => versions.get(o) ?? (versions.set(o, ++nextVersion), nextVersion)

/** Every deck.gl layer of the planner, bottom to top, as a pure function of its input. Ids are stable. */
export function plannerLayers(input: PlannerLayerInput): Layer[] {
  const { fills, selected, editingKey } = input
  const fade = input.zoom < 13 ? 1 : input.zoom < 15 ? 0.75 : 0.45
  const layers: (Layer | null | undefined)[] = [
    new GeoJsonLayer<PlanGrid['properties']>({
      id: 'plan-grids',
      data: input.grids as never,
      ...drawBelow(BELOW_LABELS),
      pickable: true,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getFillColor: (f) => (f.properties.key === editingKey ? [0, 0, 0, 0] : (fills.get(f.properties.key) ?? noScoreColor)),
      getLineColor: (f) => (f.properties.key === editingKey ? [0, 0, 0, 0] : selected.includes(f.properties.key) ? [255, 215, 90, 255] : [190, 215, 255, 200]),
      getLineWidth: (f) => (selected.includes(f.properties.key) ? 3.5 : 1.5),
      updateTriggers: { getFillColor: [versionOf(fills), editingKey], getLineColor: [selected.join(), editingKey], getLineWidth: selected.join() },
      opacity: fade,
    }),
    input.planArea &&
      new GeoJsonLayer<AreaProperties>({
        id: 'plan-area',
        data: [input.planArea] as never,
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: [235, 242, 255, 230],
      }),
    input.diff &&
      new GeoJsonLayer({
        id: 'diff-pieces',
        data: input.diff as never,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        getLineColor: [255, 90, 210, 255],
        getFillColor: [255, 90, 210, 230],
        extensions: [hatch],
        fillPatternMapping: { hatch: { type: 'hatch', angle: 45, strokeWidth: 2, gap: 5 } },
        fillPatternSizeUnits: 'pixels',
        getFillPattern: () => 'hatch',
        getFillPatternBackgroundColor: [255, 90, 210, 50],
      } as never),
    input.problem?.area &&
      new GeoJsonLayer({
        id: 'problem-area',
        data: { type: 'Feature', geometry: input.problem.area, properties: {} } as never,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: [255, 70, 70, 255],
        getFillColor: [255, 70, 70, 110],
      }),
    input.problem &&
      new ScatterplotLayer<PlanProblem>({
        id: 'problem-location',
        data: [input.problem],
        getPosition: (p) => p.location.coordinates as [number, number],
        stroked: true,
        filled: false,
        radiusUnits: 'pixels',
        getRadius: 16,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        getLineColor: [255, 70, 70, 255],
      }),
    input.painted.length > 0 ?
      new GeoJsonLayer({
        id: 'painted-buildings',
        data: input.painted.map((geometry) => ({ type: 'Feature', geometry, properties: {} })) as never,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        getLineColor: [255, 215, 90, 255],
        getFillColor: [255, 215, 90, 150],
      }) : null,
    ...(input.suggestion ? suggestionBlockLayers(input.suggestion) : []),
    new TextLayer<GridLabel>({
      id: 'plan-labels',
      data: input.labels as GridLabel[],
      characterSet: 'auto',
      fontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
      getPosition: (l) => l.position as [number, number],
      getText: (l) => l.text,
      getSize: 13,
      sizeUnits: 'pixels',
      getColor: (l) => (l.fresh ? [255, 225, 120, 255] : [235, 242, 255, 255]),
      background: true,
      getBackgroundColor: [8, 14, 26, 200],
      backgroundPadding: [4, 2],
      updateTriggers: { getColor: input.labels.length },
    }),
    ...(input.suggestion ? suggestionArrowLayers(input.suggestion, input.zoom) : []),
  ]
  return layers.filter((l): l is Layer => !!l)
}
