import type { Layer } from '@deck.gl/core'
import type { Position } from 'geojson'
import { FillStyleExtension } from '@deck.gl/extensions'
import { GeoJsonLayer, PathLayer, SolidPolygonLayer, TextLayer } from '@deck.gl/layers'
import { arrowHead, metresPerPixel, type MovedBlock, type SuggestionOverlay } from './suggestion-preview'

/** Moved blocks in cyan (the diff is magenta, workloads blue→red), arrows in amber: apart from both. */
const BLOCK: [number, number, number] = [70, 225, 255]
const ARROW: [number, number, number, number] = [255, 196, 60, 255]
const CASING: [number, number, number, number] = [8, 14, 26, 220]

/** Arrowheads are this many pixels long at any zoom (shorter on a short arrow). */
const HEAD_PX = 16

const hatch = new FillStyleExtension({ pattern: true, proceduralPattern: true })

type DrawnArrow = { n: number; shaft: Position[]; head: Position[] }

/**
 * The moved blocks of a rebalancing suggestion (hatched, outlined), to go under the grids' names.
 * Stable ids, as every planner layer.
 */
export function suggestionBlockLayers(overlay: SuggestionOverlay): Layer[] {
  return [
    new GeoJsonLayer({
      id: 'suggestion-blocks',
      data: overlay.blocks as never,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
      getLineColor: [...BLOCK, 255],
      getFillColor: [...BLOCK, 235],
      extensions: [hatch],
      fillPatternMapping: { hatch: { type: 'hatch', angle: -45, strokeWidth: 2, gap: 5 } },
      fillPatternSizeUnits: 'pixels',
      getFillPattern: () => 'hatch',
      getFillPatternBackgroundColor: [...BLOCK, 60],
    } as never),
  ]
}

/**
 * Over the grids' names: arrows from each moved block into the grid it joins (a dark casing under an
 * amber shaft and head; heads keep their size on screen at any `zoom`), and the blocks' numbers as in
 * the list of moves, set a little above the arrow's start.
 */
export function suggestionArrowLayers(overlay: SuggestionOverlay, zoom: number): Layer[] {
  const lat = overlay.blocks[0]?.properties.label[1] ?? 0
  const arrows: DrawnArrow[] = overlay.arrows.map((a) => ({ n: a.n, ...arrowHead(a.path, HEAD_PX * metresPerPixel(zoom, lat)) }))
  return [
    new PathLayer<DrawnArrow>({
      id: 'suggestion-arrow-casing',
      data: arrows,
      getPath: (a) => a.shaft as [number, number][],
      widthUnits: 'pixels',
      getWidth: 7,
      capRounded: true,
      getColor: CASING,
    }),
    new PathLayer<DrawnArrow>({
      id: 'suggestion-arrows',
      data: arrows,
      getPath: (a) => a.shaft as [number, number][],
      widthUnits: 'pixels',
      getWidth: 3.5,
      capRounded: true,
      getColor: ARROW,
    }),
    new SolidPolygonLayer<DrawnArrow>({
      id: 'suggestion-arrow-heads',
      data: arrows,
      getPolygon: (a) => a.head as [number, number][],
      getFillColor: ARROW,
    }),
    new TextLayer<MovedBlock>({
      id: 'suggestion-numbers',
      data: overlay.blocks,
      getPosition: (b) => b.properties.label as [number, number],
      getText: (b) => String(b.properties.n),
      getSize: 15,
      sizeUnits: 'pixels',
      fontWeight: 700,
      getColor: [8, 14, 26, 255],
      background: true,
      getBackgroundColor: [...BLOCK, 255],
      backgroundPadding: [5, 2],
      getPixelOffset: [0, -14],
    }),
  ]
}
