// What the live view writes over time: nothing while nothing visible changes,
// one short update when a displayed age turns over, and watch bursts
// coalesced into few frames with the first event shown at once.
import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {Source} from '../../source/kube/source.js';
import {App} from '../../source/ui/App.js';
import {coalesce} from '../../source/ui/hooks.js';
import {objectsFromFile, renderAt, settle, staticSource} from './render.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	vi.useRealTimers();
});

const objects = objectsFromFile('examples/bluegreen-paused.yaml');

function open(source: Source) {
	const ui = renderAt(<App source={source} origin="file demo" namespace="default" readonlyReason={null} />, 120, 40);
	cleanup = ui.unmount;
	return ui;
}

describe('the 1 s clock', () => {
	it('writes nothing when no displayed text changes (every age is days old)', async () => {
		const ui = open(staticSource(objects));
		await settle(100);
		const writes = ui.writer.writes;
		expect(writes).toBe(1);
		await settle(2300);
		expect(ui.writer.writes).toBe(writes);
	});

	it('writes one short update per second while an age in seconds is on screen', async () => {
		const young = structuredClone(objects);
		young.rollouts[0]!.metadata!.creationTimestamp = new Date(Date.now() - 30_000).toISOString().replace(/\.\d+Z$/, 'Z');
		const ui = open(staticSource(young));
		await settle(100);
		const bytes = ui.writer.bytes;
		const writes = ui.writer.writes;
		await settle(2300);
		const ticks = ui.writer.writes - writes;
		expect(ticks).toBeGreaterThanOrEqual(2);
		expect(ticks).toBeLessThanOrEqual(3);
		// A cursor move, one or two digits and the synchronized-output marks.
		expect((ui.writer.bytes - bytes) / ticks).toBeLessThan(40);
		expect(ui.lastFrame()).toMatch(/ 3[2-4]s /);
	});
});

/** A Source that only notifies (coalesce never reads the snapshot). */
function notifier() {
	const listeners = new Set<() => void>();
	const source = {subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l))} as unknown as Source;
	return {source, notify: () => listeners.forEach(l => l())};
}

describe('coalesce', () => {
	it('delivers the first event at once and a burst after it at most once per window', () => {
		vi.useFakeTimers();
		const {source, notify} = notifier();
		const delivered: number[] = [];
		const unsubscribe = coalesce(source, 30, () => Date.now())(() => delivered.push(Date.now()));
		const t0 = Date.now();
		notify();
		notify();
		vi.advanceTimersByTime(0);
		expect(delivered.map(t => t - t0)).toEqual([0]);
		// 500 events over the next 100 ms: one delivery per 30 ms window, the last one after the burst.
		for (let ms = 1; ms <= 100; ms++) {
			for (let i = 0; i < 5; i++) notify();
			vi.advanceTimersByTime(1);
		}
		vi.advanceTimersByTime(100);
		expect(delivered.map(t => t - t0)).toEqual([0, 30, 60, 90, 120]);
		// Quiet again: the next event goes out at once.
		vi.advanceTimersByTime(500);
		notify();
		vi.advanceTimersByTime(0);
		expect(delivered.at(-1)! - t0).toBe(700);
		unsubscribe();
	});
});
