/**
 * The editor's moves on events (src/scenario/edits.ts): new events land in time order, removing a failure
 * takes its repair with it, and a repair of nothing is pointed out (a rack's repair is its restart).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { addFailure, addRepair, orphanRepairs, removeEvent } from '../../src/scenario/edits';
import { checkpointMarks, describeEvent } from '../../src/scenario/events';
import { rawEvents, type RawObject } from '../../src/scenario/raw';

const model = () => parse(readFileSync(new URL('../../models/dlc-hall.yaml', import.meta.url), 'utf8')) as RawObject;
const timeline = (raw: RawObject) => rawEvents(raw).map((e) => `${String(e.at)} ${describeEvent(e)}`);

describe('editing events', () => {
  it('inserts a failure and its repair in time order', () => {
    const raw = model();
    addFailure(raw, { component: 'crah-2', at: '12 h', repairAt: '14.5 h' });
    addRepair(raw, 'row-C-01', '16 h');
    expect(timeline(raw)).toEqual([
      '10 h fail chiller-1', '10.5 h repair chiller-1', '12 h fail crah-2', '14 h fail cdu-C (1 pump)', '14.5 h repair crah-2',
      '15 h fail cdu-C', '15.05 h repair cdu-C', '16 h repair row-C-01',
    ]);
  });

  it('removes a failure with its repair, and only the repair of the same part', () => {
    const raw = model();
    removeEvent(raw, 3); // 15 h fail cdu-C (the whole unit)
    expect(timeline(raw)).toEqual(['10 h fail chiller-1', '10.5 h repair chiller-1', '14 h fail cdu-C (1 pump)']);
    removeEvent(raw, 2); // the pump failure has no repair of its own
    expect(timeline(raw)).toEqual(['10 h fail chiller-1', '10.5 h repair chiller-1']);
  });

  it('points out a repair of nothing, but not a rack restart', () => {
    const raw = model();
    raw.events = [{ at: '1 h', repair: 'cdu-A' }, { at: '2 h', fail: 'cdu-B' }, { at: '3 h', repair: 'cdu-B' }, { at: '4 h', repair: 'row-A-01' }];
    expect([...orphanRepairs(raw, new Set(['row-A-01']))]).toEqual([0]);
  });
});

describe('checkpoint marks', () => {
  it('one mark per instant from the report\'s jobs, labelled with the job or the count, in time order', () => {
    const marks = checkpointMarks([
      { id: 'train-a', checkpoints_s: [1800, 3600] },
      { id: 'train-b', checkpoints_s: [3600] },
      { id: 'infer', checkpoints_s: [] },
    ]);
    expect(marks).toEqual([
      { t: 1800, label: 'checkpoint train-a', checkpoint: true },
      { t: 3600, label: 'checkpoint (2 jobs)', checkpoint: true },
    ]);
    expect(checkpointMarks(undefined)).toEqual([]);
  });
});
