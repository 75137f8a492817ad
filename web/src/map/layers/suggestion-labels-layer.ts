import type { CameraSuggestions } from '@gridwatch/server/contracts'
import { TextLayer } from '@deck.gl/layers'

type Site = CameraSuggestions['sites'][number]

/** The rank of each suggested camera, on a dark badge at its mounting point. */
export function createSuggestionLabelsLayer(sites: readonly Site[], options: { visible: boolean; scale: number }) {
  return new TextLayer<Site>({
    id: 'suggestion-labels',
    data: sites,
    getPosition: (s) => [s.lon, s.lat],
    getText: (s) => String(s.rank),
    getSize: 16 * options.scale,
    sizeUnits: 'pixels',
    getColor: [255, 255, 255, 255],
    fontWeight: 700,
    background: true,
    getBackgroundColor: [20, 90, 160, 240],
    backgroundPadding: [5, 2],
    getBorderColor: [255, 255, 255, 255],
    getBorderWidth: 1,
    updateTriggers: { getSize: options.scale },
    visible: options.visible,
  })
}
