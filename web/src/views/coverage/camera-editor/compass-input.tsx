import { useRef, type KeyboardEvent, type PointerEvent } from 'react'

const SIZE = 128
const C = SIZE / 2
const R = 46

/** A point `r` from the centre at a bearing (degrees clockwise from north; SVG y grows downwards). */
const polar = (deg: number, r: number): [number, number] => [C + r * Math.sin((deg * Math.PI) / 180), C - r * Math.cos((deg * Math.PI) / 180)]

/** The wedge of the field of view, as an SVG path (a full circle at 360°). */
function wedge(bearing: number, fov: number) {
  if (fov >= 360) return `M ${C - R} ${C} a ${R} ${R} 0 1 0 ${2 * R} 0 a ${R} ${R} 0 1 0 ${-2 * R} 0`
  const [x1, y1] = polar(bearing - fov / 2, R)
  const [x2, y2] = polar(bearing + fov / 2, R)
  return `M ${C} ${C} L ${x1} ${y1} A ${R} ${R} 0 ${fov > 180 ? 1 : 0} 1 ${x2} ${y2} Z`
}

export interface CompassInputProps {
  /** Degrees clockwise from north; NaN while the number box holds something unreadable. */
  bearing: number
  fov: number
  onChange: (bearing: number) => void
  label: string
}

/**
 * A compass dial for a camera's bearing: drag (or tap) round it, or use the arrow keys (1°, with
 * Shift 15°). The wedge shows the field of view, so what the camera looks at reads at a glance.
 */
export function CompassInput({ bearing, fov, onChange, label }: CompassInputProps) {
  const svg = useRef<SVGSVGElement>(null)
  const known = Number.isFinite(bearing)
  const aim = (e: PointerEvent<SVGSVGElement>) => {
    const box = svg.current!.getBoundingClientRect()
    const dx = e.clientX - (box.left + box.width / 2)
    const dy = e.clientY - (box.top + box.height / 2)
    if (dx === 0 && dy === 0) return
    onChange((Math.round((Math.atan2(dx, -dy) * 180) / Math.PI) + 360) % 360)
  }
  const key = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 15 : 1
    const delta = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? step : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -step : 0
    if (delta === 0) return
    e.preventDefault()
    onChange((((Math.round(known ? bearing : 0) + delta) % 360) + 360) % 360)
  }
  const [hx, hy] = polar(known ? bearing : 0, R)
  return (
    <svg
      ref={svg}
      className="compass"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={359}
      aria-valuenow={known ? Math.round(bearing) : undefined}
      data-testid="compass"
      onPointerDown={(e) => (e.currentTarget.setPointerCapture(e.pointerId), aim(e))}
      onPointerMove={(e) => e.buttons > 0 && aim(e)}
      onKeyDown={key}
    >
      <circle className="compass-ring" cx={C} cy={C} r={R} />
      {[0, 45, 90, 135, 180, 225, 270, 315].map((deg) => {
        const [x1, y1] = polar(deg, R - (deg % 90 === 0 ? 8 : 4))
        const [x2, y2] = polar(deg, R)
        return <line key={deg} className="compass-tick" x1={x1} y1={y1} x2={x2} y2={y2} />
      })}
      {(['N', 'E', 'S', 'W'] as const).map((name, i) => {
        const [x, y] = polar(i * 90, R + 10)
        return (
          <text key={name} className={name === 'N' ? 'compass-letter north' : 'compass-letter'} x={x} y={y}>
            {name}
          </text>
        )
      })}
      {known && <path className="compass-fov" d={wedge(bearing, Math.min(Math.max(fov, 1), 360))} />}
      {known && <line className="compass-needle" x1={C} y1={C} x2={hx} y2={hy} />}
      {known && <circle className="compass-handle" cx={hx} cy={hy} r={6} />}
      <circle className="compass-hub" cx={C} cy={C} r={3.5} />
    </svg>
  )
}
