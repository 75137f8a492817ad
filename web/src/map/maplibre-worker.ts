import { setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url'

// MapLibre 6 locates its worker at run time next to its own module, which a bundle does not have:
// Vite must bundle the worker (and its shared chunk) and tell MapLibre where it went.
setWorkerUrl(workerUrl)
