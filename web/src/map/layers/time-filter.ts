import { DataFilterExtension } from '@deck.gl/extensions'

/**
 * One GPU time filter for every incident layer: each incident's filter value is its report time in
 * minutes after the window start (float32-safe), and `filterRange` picks what is drawn. A single
 * extension instance (and array) keeps deck.gl from rebuilding shaders on every render.
 */
export const timeFilterExtensions = [new DataFilterExtension({ filterSize: 1 })]

/** [from, to] in minutes after the window start. */
export type MinuteRange = [number, number]
