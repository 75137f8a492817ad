import type { Map as MaplibreMap } from 'maplibre-gl'
import type { Polygon, Position } from 'geojson'
import { useEffect, useRef, useState } from 'react'
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode, type SnapToCustom } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import type { PlanGrid } from '../../api/plans'
import { areaM2, outlineOf, polygonsOf, type Outline } from './plan-geometry'
import { snapToEdges } from './snapping'
import type { Tool } from './tools'

export interface TerraDrawOptions {
  tool: Tool
  /** The grid being reshaped (select tool, one grid selected, plan editable), or null. */
  editing: PlanGrid | null
  /** The choropleth colour of the grid being reshaped ('#rrggbb'): terra-draw draws it while it moves. */
  editingFill: `#${string}`
  /** Grids whose vertices and edges attract what is drawn or dragged. */
  snapTargets: readonly PlanGrid[]
  onLine: (line: Position[]) => void
  onPolygon: (polygon: Polygon) => void
  onReshape: (key: string, geometry: Outline) => void
}

const accent = '#ffd75a' as const
const cut = '#ff5ad2' as const

/**
 * terra-draw on the planner's map, for the gestures it is good at: dragging, inserting (midpoints) and
 * deleting (right click) the vertices of the selected grid, drawing a polygon (a new grid) and a line
 * (a split). The plan's grids themselves are drawn by deck.gl; terra-draw only ever holds the grid
 * being reshaped (one feature per part, holes kept aside: terra-draw edits outer rings only) or the
 * shape being drawn. Every finished gesture goes back to the view as a plan edit.
 */
export function useTerraDraw(map: MaplibreMap | null, o: TerraDrawOptions) {
  const latest = useRef(o)
  latest.current = o
  const [draw, setDraw] = useState<TerraDraw | null>(null)
  /** The parts of the grid held for reshaping: terra-draw ids → the part's holes. */
  const held = useRef<{ key: string; parts: Map<string | number, Position[][]> } | null>(null)

  useEffect(() => {
    if (!map) return
    const snap: SnapToCustom = (event, context) => snapToEdges(event, context, latest.current.snapTargets, latest.current.editing?.properties.key ?? null)
    const instance = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 }),
      modes: [
        new TerraDrawSelectMode({
          // The grid follows the view (clicks on the deck.gl grids); a click may only switch between its parts.
          allowManualSelection: true,
          allowManualDeselection: false,
          keyEvents: null,
          flags: {
            polygon: {
              feature: {
                draggable: false,
                selfIntersectable: false,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: { toCustom: snap } },
              },
            },
          },
          styles: {
            selectedPolygonColor: () => latest.current.editingFill,
            selectedPolygonFillOpacity: 0.6,
            selectedPolygonOutlineColor: accent,
            selectedPolygonOutlineWidth: 3,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: '#1b2a44',
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2,
            midPointColor: accent,
            midPointOutlineColor: '#1b2a44',
            midPointWidth: 3,
          },
        }),
        new TerraDrawPolygonMode({
          snapping: { toCustom: snap },
          styles: { fillColor: accent, fillOpacity: 0.2, outlineColor: accent, outlineWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: accent, snappingPointColor: '#ffffff', snappingPointOutlineColor: accent },
        }),
        // No snapping for a cut: a line pulled onto a grid's edge would stop there instead of crossing it.
        new TerraDrawLineStringMode({ styles: { lineStringColor: cut, lineStringWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: cut } }),
      ],
    })
    const finish = (id: string | number, context: { mode: string; action: string }) => {
      const feature = instance.getSnapshotFeature(id)
      if (!feature) return
      if (context.mode === 'linestring' && feature.geometry.type === 'LineString') {
        instance.removeFeatures([id])
        latest.current.onLine(feature.geometry.coordinates)
      } else if (context.mode === 'polygon' && feature.geometry.type === 'Polygon') {
        instance.removeFeatures([id])
        latest.current.onPolygon(feature.geometry)
      } else if (context.mode === 'select' && held.current) {
        const { key, parts } = held.current
        const polygons = [...parts].map(([partId, holes]) => {
          const part = instance.getSnapshotFeature(partId)
          return part && part.geometry.type === 'Polygon' ? [part.geometry.coordinates[0]!, ...holes] : null
        })
        const outline = polygons.every((p) => p !== null) ? outlineOf(polygons) : null
        if (outline) latest.current.onReshape(key, outline)
      }
    }
    instance.on('finish', finish)
    const start = () => {
      instance.start()
      setDraw(instance)
    }
    // Not `load`: it may have fired already while the style is busy loading tiles (isStyleLoaded false),
    // and then the editor never started. `idle` comes once everything is in.
    if (map.isStyleLoaded()) start()
    else map.once('idle', start)
    return () => {
      map.off('idle', start)
      setDraw(null)
      held.current = null
      if (instance.enabled) instance.stop()
    }
  }, [map])

  // The tool and the grid being reshaped decide what terra-draw holds.
  const editing = o.tool === 'select' ? o.editing : null
  useEffect(() => {
    // A stopped instance (the map went away, or the plan stopped being editable) throws on every call.
    if (!draw?.enabled) return
    held.current = null
    draw.clear()
    draw.setMode(o.tool === 'draw' ? 'polygon' : o.tool === 'split' ? 'linestring' : 'select')
    // The mode in force, on the map's element: a click made before this effect ran went to the old mode.
    if (map) map.getContainer().dataset.drawMode = draw.getMode()
    if (o.tool === 'draw' || o.tool === 'split') return
    if (!editing) return
    const parts = new Map<string | number, Position[][]>()
    const features = polygonsOf(editing.geometry).map(([outer, ...holes]) => {
      const id = draw.getFeatureId()
      parts.set(id, holes)
      return { id, type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [outer!] }, properties: { mode: 'polygon' } }
    })
    const results = draw.addFeatures(features)
    if (results.some((r) => !r.valid)) {
      draw.clear()
      return
    }
    held.current = { key: editing.properties.key, parts }
    // One part is edited at a time, the largest first (most grids have just one; a click picks another).
    const largest = features.map((f) => ({ id: f.id, m2: areaM2(f.geometry) })).sort((a, b) => b.m2 - a.m2)[0]
    if (largest) draw.selectFeature(largest.id)
  }, [draw, map, o.tool, editing])

  return draw
}
