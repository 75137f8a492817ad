import type { CameraRecord } from '@gridwatch/server/contracts'
import { useRef, useState } from 'react'
import { deleteCamera, loadCamera, updateCamera } from '../../../api/cameras'
import type { MessageKey } from '../../../i18n/messages'
import { draftOf, newDraft, type CameraDraft } from './camera-draft'

export interface CameraToolState {
  /** The stored camera shown or edited; null while registering a new one. */
  camera: CameraRecord | null
  /** The form's values while it is open. */
  draft: CameraDraft | null
  /** The next click on the map places the camera (a new one, or moves the one in the form). */
  placing: boolean
  /** A camera chosen on the map, being fetched. */
  loading: number | null
  /** Fetching the chosen camera failed (an ApiError: the view says it in the user's language). */
  error: unknown
  /** What was just done, for the user to read. */
  notice: { key: MessageKey; code: string; status?: CameraRecord['status'] } | null
}

const idle: CameraToolState = { camera: null, draft: null, placing: false, loading: null, error: null, notice: null }

export interface CameraToolOptions {
  /** A new camera's station (a station chief's own). */
  stationId: number | null
  /** Asks before deleting. */
  confirmDelete: (camera: CameraRecord) => boolean
  /** A camera was registered, changed or deleted: what the view shows must be fetched again. */
  onChanged: () => void
}

/**
 * Registering, showing and editing one camera (the coverage view's camera tab and the registry share
 * it): which camera, the open form's draft, and whether the next map click places the camera.
 */
export function useCameraTool({ stationId, confirmDelete, onChanged }: CameraToolOptions) {
  const [state, setState] = useState<CameraToolState>(idle)
  // The camera chosen last wins when two answers cross.
  const lastChosen = useRef(0)
  const active = state.camera !== null || state.draft !== null || state.placing || state.loading !== null || state.error !== null || state.notice !== null

  const done = (camera: CameraRecord | null, notice: CameraToolState['notice']) => {
    setState({ ...idle, camera, notice })
    onChanged()
  }

  return {
    state,
    active,
    /** "Register camera": the next map click places it. */
    register: () => setState({ ...idle, placing: true }),
    /** A map click while placing: a new camera's form opens there, or the one in the form moves. */
    place: (at: { lon: number; lat: number }) =>
      setState((s) => ({ ...s, placing: false, draft: s.draft ? { ...s.draft, lon: at.lon, lat: at.lat } : newDraft(at, stationId) })),
    /** Arms (or disarms) the next map click to move the camera in the form. */
    togglePlacing: () => setState((s) => ({ ...s, placing: !s.placing })),
    /** A camera clicked on the map: fetched from the registry (the map only has its columns). */
    choose: (id: number) => {
      const ask = ++lastChosen.current
      setState({ ...idle, loading: id })
      loadCamera(id).then(
        (camera) => ask === lastChosen.current && setState({ ...idle, camera }),
        (error: unknown) => ask === lastChosen.current && setState({ ...idle, error }),
      )
    },
    /** A camera chosen in the registry (the record is at hand); `edit` opens its form at once. */
    show: (camera: CameraRecord, edit: boolean) => {
      lastChosen.current++
      setState({ ...idle, camera, draft: edit ? draftOf(camera) : null })
    },
    edit: () => setState((s) => (s.camera ? { ...s, draft: draftOf(s.camera), notice: null } : s)),
    setDraft: (draft: CameraDraft) => setState((s) => ({ ...s, draft })),
    saved: (camera: CameraRecord, created: boolean) => done(camera, { key: created ? 'camRegistered' : 'cameraSaved', code: camera.code }),
    setStatus: async (status: CameraRecord['status']) => {
      const camera = await updateCamera(state.camera!.id, { status })
      done(camera, { key: 'camStatusChanged', code: camera.code, status })
    },
    remove: async () => {
      const camera = state.camera!
      if (!confirmDelete(camera)) return
      await deleteCamera(camera.id)
      done(null, { key: 'cameraDeleted', code: camera.code })
    },
    /** Closes the form: back to the stored camera, or nothing for a new one. */
    cancel: () => setState((s) => (s.camera ? { ...s, draft: null, placing: false } : idle)),
    close: () => setState(idle),
  }
}

export type CameraTool = ReturnType<typeof useCameraTool>
