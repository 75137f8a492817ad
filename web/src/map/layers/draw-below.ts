/**
 * MapLibre interleaving: draws a deck.gl layer just below a basemap layer (e.g. below the place names).
 * `beforeId` is read by @deck.gl/maplibre; deck.gl's own layer prop types do not list it.
 */
export const drawBelow = (beforeId: string | undefined): object => (beforeId ? { beforeId } : {})
