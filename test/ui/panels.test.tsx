import React from 'react';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {deriveRollouts} from '../../source/model/derive.js';
import {App} from '../../source/ui/App.js';
import {analysisLines} from '../../source/ui/analysis-lines.js';
import {plain} from '../../source/ui/lines.js';
import {stepsLines} from '../../source/ui/steps-lines.js';
import {bar, weightsLines} from '../../source/ui/weights-lines.js';
import {canaryInFlight} from './canary-objects.js';
import {objectsFromFile, plainText, renderAt, staticSource} from './render.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function fits(frame: string, columns: number, rows: number) {
	const lines = plainText(frame).replace(/\n$/, '').split('\n');
	expect(lines.length).toBeLessThan(rows);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
	return lines;
}

describe('panels as lines', () => {
	const now = Date.now();
	const view = deriveRollouts(canaryInFlight(now), now)[0]!;

	it('steps: every step with glyph and word, the current one with its countdown', () => {
		const text = stepsLines(view, now).map(plain);
		expect(text[0]).toMatch(/^STEPS {2}4\/6 done/);
		expect(text[1]).toMatch(/^ ✔ 1 setWeight 20 +done/);
		expect(text[2]).toMatch(/^ ✔ 2 pause until promoted +done/);
		expect(text[3]).toMatch(/^ ✔ 3 analysis: http-ok +done/);
		expect(text[5]).toMatch(/^ ▶ 5 pause 5m +current +resumes in 4m 5\ds$/);
		expect(text[6]).toMatch(/^ · 6 setWeight 100 +pending/);
		expect(stepsLines(view, now + 300_000).map(plain)[5]).toMatch(/resuming$/);
	});

	it('weights: set and actual as bars of maxTrafficWeight, the router and the destinations', () => {
		expect(bar(60, 100, 10)).toBe('██████░░░░');
		expect(bar(150, 100, 4)).toBe('████');
		const text = weightsLines(view, 120).map(plain);
		expect(text).toContain(' set       60   ██████████████████░░░░░░░░░░░░ of 100');
		expect(text.some((l) => /^ router +nginx web$/.test(l))).toBe(true);
		expect(text.some((l) => /canary +60 +→ web-canary \(bbb\)/.test(l))).toBe(true);
		expect(text.some((l) => /stable +40 +→ web-stable \(aaa\)/.test(l))).toBe(true);
	});

	it('analysis: kinds, phases, the failure message, the condition and the measured value', () => {
		const text = analysisLines(view, now).map(plain);
		expect(text[0]).toBe('ANALYSIS  2 runs');
		const failed = text.findIndex((l) => l.includes('web-bbb-2-2'));
		expect(text[failed]).toMatch(/^ Step 3 web-bbb-2-2 {2}✖ Failed {2}rev 2 {2}Metric "http-ok" assessed Failed due to failed \(1\) > failureLimit \(0\)$/);
		expect(text[failed + 1]).toMatch(/✖ http-ok {2}web ✖ 1 {2}count 2 · every 5s · failureLimit 0/);
		expect(text[failed + 2]).toBe('     success result.ok == true  ');
		expect(text[failed + 3]).toBe('     ✖ Failed  {"ok":false,"latency":950}  40s ago');
		expect(text.some((l) => /^ Background web-bbb-2 {2}◌ Running/.test(l))).toBe(true);
	});
});

describe.each([
	[120, 40],
	[80, 24],
	[40, 12],
])('the canary panels at %ix%i', (columns, rows) => {
	it('the list shows the countdown and the detail view every panel, every frame fitting', async () => {
		const ui = renderAt(<App source={staticSource(canaryInFlight())} origin="test" namespace="default" readonlyReason={null} />, columns, rows);
		cleanup = ui.unmount;
		await ui.press('');
		const list = fits(ui.lastFrame(), columns, rows).join('\n');
		expect(list).toContain('web');
		if (columns >= 80) expect(list).toMatch(/resumes in 4m \d+s/);
		await ui.press('\r');
		const seen = new Set<string>();
		for (let i = 0; i < 45; i++) {
			for (const line of fits(ui.lastFrame(), columns, rows)) seen.add(line);
			await ui.press('j');
		}
		const all = [...seen].join('\n');
		for (const text of ['STEPS', 'WEIGHTS', 'ANALYSIS', 'REVISIONS', '▶', '✔ 1 setWeight']) expect(all).toContain(text);
		if (columns >= 80) {
			expect(all).toMatch(/Timers +resumes in 4m \d+s/);
			expect(all).toMatch(/pause 5m +current +resumes in 4m \d+s/);
			expect(all).toContain('{"ok":false,"latency":950}');
			expect(all).toContain('Metric "http-ok" assessed Failed');
			expect(all).toContain('success result.ok == true');
			expect(all).toMatch(/router +nginx web/);
		}
	}, 30_000);

	it('n selects a run, Enter opens its full view, Esc goes back', async () => {
		const ui = renderAt(<App source={staticSource(canaryInFlight())} origin="test" namespace="default" readonlyReason={null} />, columns, rows);
		cleanup = ui.unmount;
		await ui.press('');
		await ui.press('\r');
		await ui.press('n');
		await ui.press('\r');
		const seen: string[] = [];
		for (let i = 0; i < 12; i++) {
			seen.push(...fits(ui.lastFrame(), columns, rows));
			await ui.press('j');
		}
		const all = seen.join('\n');
		expect(all).toContain('ANALYSIS RUN');
		expect(all).toContain('web-bbb-2-2');
		if (columns >= 80) {
			expect(all).toMatch(/kind Step 3 +status ✖ Failed +revision 2/);
			expect(all).toContain('{"ok":false,"latency":950}');
		}
		await ui.press('\u001B');
		expect(plainText(ui.lastFrame())).not.toContain('ANALYSIS RUN');
		expect(plainText(ui.lastFrame())).toContain('web');
	}, 30_000);

	it('a blue-green auto-promotion counts down in the list and the header', async () => {
		const objects = objectsFromFile('examples/bluegreen-paused.yaml');
		const ro = objects.rollouts[0]!;
		ro.spec!.strategy!.blueGreen = {...ro.spec!.strategy!.blueGreen, autoPromotionEnabled: true, autoPromotionSeconds: 30} as never;
		ro.status!.pauseConditions = [{reason: 'BlueGreenPause', startTime: new Date(Date.now() - 10_000).toISOString()}];
		const ui = renderAt(<App source={staticSource(objects)} origin="test" namespace="default" readonlyReason={null} />, columns, rows);
		cleanup = ui.unmount;
		await ui.press('');
		if (columns >= 80) expect(fits(ui.lastFrame(), columns, rows).join('\n')).toMatch(/auto-promotes in (19|20)s/);
		await ui.press('\r');
		const detail = fits(ui.lastFrame(), columns, rows).join('\n');
		expect(detail).toMatch(columns >= 80 ? /Timers +auto-promotes in (19|20)s/ : /Timers +auto-pr/);
	});
});
