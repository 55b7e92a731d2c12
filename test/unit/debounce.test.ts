// The editor's adaptive debounce (server/src/features/debounce.ts).
import assert from 'node:assert/strict';
import { BULK_CHARS, MIN_MS, debounceDelay } from '../../server/src/features/debounce';

describe('adaptive debounce', () => {
  it('analyses a bulk insert (a completion, a paste) at once, whatever the file costs', () => {
    assert.equal(debounceDelay({ inserted: BULK_CHARS, lastComputeMs: 400, ceilingMs: 150 }), 0);
    assert.equal(debounceDelay({ inserted: 3_000, ceilingMs: 150 }), 0);
  });

  it('waits the ceiling for a keystroke before anything was measured', () => {
    assert.equal(debounceDelay({ inserted: 1, ceilingMs: 150 }), 150);
  });

  it('follows the last compute time between the floor and the ceiling', () => {
    assert.equal(debounceDelay({ inserted: 1, lastComputeMs: 4, ceilingMs: 150 }), MIN_MS);
    assert.equal(debounceDelay({ inserted: 1, lastComputeMs: 20, ceilingMs: 150 }), 60);
    assert.equal(debounceDelay({ inserted: 1, lastComputeMs: 90, ceilingMs: 150 }), 150);
  });

  it('treats deletions and small inserts as typing', () => {
    assert.equal(debounceDelay({ inserted: -500, lastComputeMs: 20, ceilingMs: 150 }), 60);
    assert.equal(debounceDelay({ inserted: BULK_CHARS - 1, lastComputeMs: 20, ceilingMs: 150 }), 60);
  });

  it('never waits longer than the ceiling, even when it is set below the floor', () => {
    assert.equal(debounceDelay({ inserted: 1, lastComputeMs: 1, ceilingMs: 10 }), 10);
  });
});
