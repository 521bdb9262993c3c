import type { BottomView } from '../state/views';

export const BOTTOM_TABS: readonly (readonly [BottomView, string])[] = [['charts', 'Charts'], ['sweep', 'N-1 sweep'], ['tco', 'Cost (TCO)'], ['annual', 'Annual']];
