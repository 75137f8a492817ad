/** Daily rhythm of a category: relative weight of each hour 0–23 (local time). */
const hours = {
  daytime: [2, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 9, 9, 9, 9, 10, 11, 12, 11, 9, 6, 4],
  night: [8, 9, 9, 8, 6, 4, 3, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7, 8, 9, 9, 9],
  rush: [1, 1, 1, 1, 1, 3, 7, 12, 11, 7, 6, 6, 6, 6, 6, 7, 9, 12, 11, 8, 6, 4, 3, 2],
  evening: [6, 4, 3, 2, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 6, 7, 8, 10, 12, 13, 13, 11, 9],
} as const

export interface IncidentCategory {
  code: string
  nameZh: string
  nameEn: string
  /** false: 非警务, handed to the grid platform / 12345 / a department. */
  policeMatter: boolean
  defaultPriority: 1 | 2 | 3 | 4
  /** Map colour, readable on a dark wall screen. */
  color: string
  /** Share of all incidents in the demo county. */
  share: number
  hourly: readonly number[]
}

/** 警情类别 code table. The database table `incident_categories` is filled from this list. */
export const incidentCategories: readonly IncidentCategory[] = [
  { code: 'dispute', nameZh: '纠纷', nameEn: 'Dispute', policeMatter: true, defaultPriority: 3, color: '#f6c343', share: 0.2, hourly: hours.evening },
  { code: 'domestic', nameZh: '家庭矛盾', nameEn: 'Domestic', policeMatter: true, defaultPriority: 2, color: '#f08c3a', share: 0.05, hourly: hours.evening },
  { code: 'theft', nameZh: '盗窃', nameEn: 'Theft', policeMatter: true, defaultPriority: 3, color: '#b07cff', share: 0.11, hourly: hours.night },
  { code: 'fraud', nameZh: '诈骗', nameEn: 'Fraud', policeMatter: true, defaultPriority: 3, color: '#4fb6ff', share: 0.07, hourly: hours.daytime },
  { code: 'fight', nameZh: '打架斗殴', nameEn: 'Fight', policeMatter: true, defaultPriority: 1, color: '#ff4d5e', share: 0.05, hourly: hours.night },
  { code: 'traffic', nameZh: '交通事故', nameEn: 'Traffic accident', policeMatter: true, defaultPriority: 2, color: '#3ddc97', share: 0.17, hourly: hours.rush },
  { code: 'fire', nameZh: '火情', nameEn: 'Fire', policeMatter: true, defaultPriority: 1, color: '#ff2d2d', share: 0.012, hourly: hours.daytime },
  { code: 'assistance', nameZh: '求助', nameEn: 'Assistance', policeMatter: true, defaultPriority: 3, color: '#7fd4e8', share: 0.14, hourly: hours.daytime },
  { code: 'noise', nameZh: '噪音扰民', nameEn: 'Noise', policeMatter: false, defaultPriority: 4, color: '#c7a27c', share: 0.06, hourly: hours.evening },
  { code: 'municipal', nameZh: '市政设施', nameEn: 'Municipal facilities', policeMatter: false, defaultPriority: 4, color: '#8da0b3', share: 0.05, hourly: hours.daytime },
  { code: 'consumer', nameZh: '消费纠纷', nameEn: 'Consumer complaint', policeMatter: false, defaultPriority: 4, color: '#d98cc8', share: 0.04, hourly: hours.daytime },
  { code: 'other', nameZh: '其他', nameEn: 'Other', policeMatter: true, defaultPriority: 4, color: '#9aa5b1', share: 0.038, hourly: hours.daytime },
]

/** Where an incident came from. */
export const incidentSources = ['110', '12345', 'grid_report', 'camera_alert', 'walk_in', 'import'] as const
export type IncidentSource = (typeof incidentSources)[number]

/** Response targets (seconds after the report): accept ≤ 1 min, contact ≤ 3 min, on scene ≤ 10 min. */
export const responseTargets = { acceptS: 60, contactS: 180, onSceneS: 600, onSceneFastS: 480 } as const
