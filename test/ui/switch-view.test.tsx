// The Ingress switch (hand-made blue-green) on screen: list row, two-lane
// detail view, and the w/D/U keys up to the confirmation and the plan sent.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import type {ManualPlan} from '../../source/actions/manual-plan.js';
import {expectFits, objectsFromFile, plainText, renderAt, settle, staticSource} from './render.js';

const manual = objectsFromFile('examples/manual-bluegreen.yaml');
const withRollout = (() => {
	const rollouts = objectsFromFile('examples/bluegreen-paused.yaml');
	return {...rollouts, deployments: manual.deployments, pods: [...rollouts.pods, ...manual.pods], services: [...rollouts.services, ...manual.services], ingresses: [...rollouts.ingresses, ...manual.ingresses]};
})();
const ENTER = '\r';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function open(columns: number, rows: number, props: Partial<React.ComponentProps<typeof App>> = {}, objects = manual) {
	const ui = renderAt(<App source={staticSource(objects)} origin="file demo" namespace={null} readonlyReason={null} {...props} />, columns, rows);
	cleanup = ui.unmount;
	return ui;
}

describe.each([
	[120, 40],
	[80, 24],
	[40, 12],
	[20, 10],
])('at %ix%i', (columns, rows) => {
	it('lists the switch and shows the two lanes, fitting the terminal', async () => {
		const ui = open(columns, rows);
		await settle();
		expectFits(ui.lastFrame(), columns, rows);
		expect(plainText(ui.lastFrame())).toContain(columns >= 40 ? 'demo-ingress' : 'Ingre');
		await ui.press(ENTER);
		const frame = plainText(ui.lastFrame());
		expectFits(ui.lastFrame(), columns, rows);
		expect(frame).toContain('LIVE');
		for (let i = 0; i < 20; i++) {
			await ui.press('j');
			expectFits(ui.lastFrame(), columns, rows);
		}
	}, 30_000);
});

describe('the two-lane view', () => {
	it('at 120x40 shows the route, readiness, pods and images of both lanes', async () => {
		const ui = open(120, 40);
		await settle();
		const list = plainText(ui.lastFrame());
		expect(list).toMatch(/KIND\s+NAME\s+HOST\s+LIVE\s+READY/);
		expect(list).toMatch(/Ingress\s+demo-ingress\s+bluegreen\.demo\s+blue\s+3\/3/);
		await ui.press(ENTER);
		const frame = plainText(ui.lastFrame());
		expect(frame).toContain('LIVE  bluegreen.demo → demo-ingress → blue-service → blue');
		expect(frame).toContain('IDLE  green-service → green');
		expect(frame).toContain('3/3 ready  ●●●');
		expect(frame).toContain('argoproj/rollouts-demo:green');
	});

	it('w asks in the operator\'s words and sends the switch plan on y', async () => {
		const sent: ManualPlan[] = [];
		const ui = open(120, 40, {executeManual: async (plan) => (sent.push(plan), {ok: true, message: plan.done})});
		await settle();
		await ui.press(ENTER);
		await ui.press('w');
		expect(plainText(ui.lastFrame())).toContain('Send bluegreen.demo traffic from blue-service (blue, 3/3 ready) to green-service (green, 3/3 ready)?');
		await ui.press('y');
		await settle(50);
		expect(sent.map((p) => [p.action, p.target.name, p.target.resourceVersion])).toEqual([['switch', 'demo-ingress', '200']]);
		expect(plainText(ui.lastFrame())).toContain('bluegreen.demo traffic now goes to green-service');
	});

	it('D on the switch plans the idle side; rollout keys on it and w on a rollout say what they are for', async () => {
		const ui = open(120, 40, {}, withRollout);
		await settle();
		await ui.press('w');
		expect(plainText(ui.lastFrame())).toContain('switch: applies to Ingress switches (hand-made blue-green), not to rollouts');
		await ui.press('\u001B');
		await ui.press('j');
		await ui.press('p');
		expect(plainText(ui.lastFrame())).toContain('promote: applies to rollouts; this is an Ingress switch');
		await ui.press('\u001B');
		await ui.press('D');
		expect(plainText(ui.lastFrame())).toContain('Scale green (3/3 ready, idle behind green-service) down to 0?');
	});

	it('--readonly removes the keys', async () => {
		const ui = open(80, 24, {readonlyReason: '--readonly'});
		await settle();
		expect(plainText(ui.lastFrame())).not.toContain('switch');
		await ui.press('w');
		expect(plainText(ui.lastFrame())).toContain('read-only mode (--readonly): actions are disabled');
	});
});
