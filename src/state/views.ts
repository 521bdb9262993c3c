/**
 * Which view each switchable panel shows: the side panel the run's results and inspector, the headroom
 * view, the open drill or the index of drills; the bottom panel the charts and alarms, the N-1 sweep table, the cost (TCO) or the year at hourly weather.
 */
import { createStore } from './store';

export type SideView = 'run' | 'headroom' | 'drill' | 'drills';
export type BottomView = 'charts' | 'sweep' | 'tco' | 'annual';

export const views = createStore<{ side: SideView; bottom: BottomView }>({ side: 'run', bottom: 'charts' });
