// The traffic panel in the live UI, with a fake probe (the real one is tested
// against the local control plane in test/e2e/traffic-in-tmux.test.ts): what
// it shows at every size, that it starts and stops probes with the panel,
// passes rate changes on, and re-renders at most ~10 times a second.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {StartTraffic, ServiceName} from '../../source/kube/service-probe.js';
import type {ProbeOutcome} from '../../source/model/traffic.js';
import {App} from '../../source/ui/App.js';
import {FAILURE_GLYPH} from '../../source/ui/traffic-lines.js';
import {expectFits, objectsFromFile, plainText, renderAt, settle, staticSource} from './render.js';

const objects = objectsFromFile('examples/bluegreen-paused.yaml');
const ENTER = '\r';
const ESC = '\u001B';

interface FakeProbe {
	start: StartTraffic;
	running: Map<string, number>;
	started: string[];
	rates: number[];
}

/** Answers every 10 ms (faster than any real rate, to load the frame limiter) with `answer(service)`. */
function fakeProbe(answer: (target: ServiceName) => ProbeOutcome): FakeProbe {
	const fake: FakeProbe = {running: new Map(), started: [], rates: [], start: () => ({setRate() {}, stop() {}})};
	fake.start = (target, rate, onSample) => {
		fake.started.push(target.service);
		fake.running.set(target.service, rate);
		const timer = setInterval(() => onSample({at: Date.now(), latencyMs: 4, outcome: answer(target)}), 10);
		return {
			setRate(next) {
				fake.rates.push(next);
				fake.running.set(target.service, next);
			},
			stop() {
				clearInterval(timer);
				fake.running.delete(target.service);
			},
		};
	};
	return fake;
}

const colours = (target: ServiceName): ProbeOutcome => ({kind: 'answer', version: target.service.endsWith('-preview') ? 'green' : 'blue'});

/** Renders and effects run a little after a key on a loaded machine: wait for what the key leads to (not a timing test). */
async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check() && Date.now() < deadline) await settle(20);
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function open(columns: number, rows: number, probe?: FakeProbe) {
	const ui = renderAt(
		<App source={staticSource(objects)} origin="context test" namespace="default" readonlyReason="--readonly" probe={probe?.start} />,
		columns,
		rows,
	);
	cleanup = ui.unmount;
	return ui;
}

describe.each([
	[120, 40],
	[40, 12],
	[20, 10],
])('traffic panel at %ix%i', (columns, rows) => {
	it('t opens a strip per Service that fits, lettered by version; t closes it and stops the probes', async () => {
		const probe = fakeProbe(colours);
		const ui = open(columns, rows, probe);
		await settle();
		await ui.press(ENTER);
		await ui.press('t');
		await settle(400);
		const frame = plainText(ui.lastFrame());
		expectFits(ui.lastFrame(), columns, rows);
		expect(probe.started.sort()).toEqual(['bluegreen-demo', 'bluegreen-demo-preview']);
		expect(frame).toMatch(/^ACTIVE/m);
		expect(frame).toMatch(/^ +BBBBBBBBBB/m);
		if (rows >= 12) {
			expect(frame).toMatch(/^PREVIEW/m);
			expect(frame).toMatch(/^ +GGGGGGGGGG/m);
		}
		if (columns >= 120) expect(frame).toMatch(/B blue 100% +✖ 0% +p50 4ms p95 4ms/);
		// Scrolling the detail keeps the panel in view and the frame in the terminal.
		for (let i = 0; i < 20; i++) await ui.press('j');
		expectFits(ui.lastFrame(), columns, rows);
		expect(plainText(ui.lastFrame())).toMatch(/^ACTIVE/m);
		await ui.press('t');
		await until(() => probe.running.size === 0);
		expect(plainText(ui.lastFrame())).not.toMatch(/^ACTIVE/m);
	}, 20_000);
});

describe('traffic panel behaviour', () => {
	it('+/- step the rate between 1 and 50 per second and pass it to the running probes', async () => {
		const probe = fakeProbe(colours);
		const ui = open(120, 40, probe);
		await settle();
		await ui.press(ENTER);
		await ui.press('t');
		await until(() => probe.running.size === 2);
		expect([...probe.running.values()]).toEqual([20, 20]);
		expect(plainText(ui.lastFrame())).toContain('20/s per Service');
		for (let i = 0; i < 6; i++) await ui.press('+');
		await until(() => probe.running.get('bluegreen-demo') === 50);
		expect([...probe.running.values()]).toEqual([50, 50]);
		expect(plainText(ui.lastFrame())).toContain('50/s per Service');
		for (let i = 0; i < 12; i++) await ui.press('-');
		await until(() => probe.running.get('bluegreen-demo') === 1);
		expect([...probe.running.values()]).toEqual([1, 1]);
		expect(Math.max(...probe.rates)).toBe(50);
		expect(Math.min(...probe.rates)).toBe(1);
	});

	it('leaving the detail view stops the probes; + without the panel says how to open it', async () => {
		const probe = fakeProbe(colours);
		const ui = open(120, 40, probe);
		await settle();
		await ui.press(ENTER);
		await ui.press('+');
		expect(plainText(ui.lastFrame())).toContain('t opens the traffic panel first');
		await ui.press(ESC); // dismisses the message
		await ui.press('t');
		await until(() => probe.running.size === 2);
		expect(probe.running.size).toBe(2);
		await ui.press(ESC);
		await until(() => probe.running.size === 0);
		expect(probe.running.size).toBe(0);
		expect(plainText(ui.lastFrame())).toContain('NAME');
	});

	it('unmounting stops the probes', async () => {
		const probe = fakeProbe(colours);
		const ui = open(120, 40, probe);
		await settle();
		await ui.press(ENTER);
		await ui.press('t');
		await until(() => probe.running.size === 2);
		ui.unmount();
		cleanup = undefined;
		expect(probe.running.size).toBe(0);
	});

	it('without a cluster (--file) t says traffic needs one', async () => {
		const ui = open(120, 40);
		await settle();
		await ui.press(ENTER);
		await ui.press('t');
		expect(plainText(ui.lastFrame())).toContain('traffic needs a cluster');
	});

	it('says a denial and missing endpoints in words, failures with their own glyph', async () => {
		const probe = fakeProbe(target =>
			target.service.endsWith('-preview')
				? {kind: 'error', error: 'no-endpoints', detail: 'Service bluegreen-demo-preview has no ready endpoints'}
				: {kind: 'error', error: 'denied', detail: 'not allowed to proxy to Service bluegreen-demo (RBAC: services/proxy)'},
		);
		const ui = open(120, 40, probe);
		await settle();
		await ui.press(ENTER);
		await ui.press('t');
		await settle(300);
		const frame = plainText(ui.lastFrame());
		expect(frame).toContain(`${FAILURE_GLYPH} not allowed to proxy to Service bluegreen-demo (RBAC: services/proxy)`);
		expect(frame).toContain(`${FAILURE_GLYPH} Service bluegreen-demo-preview has no ready endpoints`);
		expect(frame).toContain(FAILURE_GLYPH.repeat(10));
		expect(frame).toContain(`${FAILURE_GLYPH} 100%`);
	});

	it('answers every 10 ms reach the terminal in at most ~10 frames a second', async () => {
		// Alternating versions: every answer changes the strip, so every panel frame writes.
		let n = 0;
		const probe = fakeProbe(() => ({kind: 'answer', version: n++ % 3 === 0 ? 'green' : 'blue'}));
		const ui = open(120, 40, probe);
		await settle();
		await ui.press(ENTER);
		await ui.press('t');
		await settle(300);
		const before = ui.stdout.frames.length;
		await settle(2000);
		const writes = ui.stdout.frames.length - before;
		// 200 answers per Service arrived; the panel frame timer allows 20 in 2 s (+1 for the clock tick).
		expect(writes).toBeGreaterThan(4); // live, not frozen
		expect(writes).toBeLessThanOrEqual(23);
	});
});
