// Tab focuses the pod grid of the detail view; arrows move between pods; the
// pod panel shows the pod's node, IP, containers with their last termination,
// and its own events. Every frame fits 120x40, 80x24, 40x12 and 20x10.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {ObjectSets, Pod} from '../../source/domain/raw.js';
import {App} from '../../source/ui/App.js';
import {expectFits, objectsFromFile, plainText, renderAt, settle, staticSource} from './render.js';

const ENTER = '\r';
const TAB = '\t';
const ESC = '\u001B';
const RIGHT = '\u001B[C';
const DOWN = '\u001B[B';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** The paused blue-green example, every pod restarted twice after an OOM kill, with one Warning event each. */
function crashingObjects(): ObjectSets {
	const objects = objectsFromFile('examples/bluegreen-paused.yaml');
	const pods = (objects.pods as Pod[]).map((pod, i) => ({
		...pod,
		spec: {...pod.spec, nodeName: `kwok-node-${i}`},
		status: {
			...pod.status,
			podIP: `10.0.0.${i + 1}`,
			startTime: minutesAgo(30),
			containerStatuses: (pod.status?.containerStatuses ?? []).map(c => ({
				...c,
				restartCount: 2,
				lastState: {terminated: {reason: 'OOMKilled', exitCode: 137, message: 'memory limit\u001B[31m reached', finishedAt: minutesAgo(3)}},
			})),
		},
	}));
	const events = pods.map(pod => ({
		apiVersion: 'events.k8s.io/v1',
		kind: 'Event',
		metadata: {name: `${pod.metadata!.name}.1`, namespace: 'default'},
		regarding: {kind: 'Pod', name: pod.metadata!.name, namespace: 'default', uid: pod.metadata!.uid},
		type: 'Warning',
		reason: 'BackOff',
		note: 'Back-off restarting failed container',
		deprecatedCount: 5,
		deprecatedLastTimestamp: minutesAgo(1),
	}));
	return {...objects, pods, events};
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function open(columns: number, rows: number) {
	const ui = renderAt(<App source={staticSource(crashingObjects())} origin="file demo" namespace="default" readonlyReason={null} />, columns, rows);
	cleanup = ui.unmount;
	return ui;
}

/** Waits (up to 3 s) until the frame satisfies `check`: a loaded machine may render later than one key's settle. */
async function until(ui: {lastFrame(): string}, check: (frame: string) => boolean): Promise<string> {
	for (let waited = 0; waited < 3000 && !check(plainText(ui.lastFrame())); waited += 20) await settle(20);
	return plainText(ui.lastFrame());
}

const focusedName = (frame: string) => /POD (bluegreen-demo-\w+-\w+)/.exec(plainText(frame))?.[1];

describe.each([
	[120, 40],
	[80, 24],
	[40, 12],
	[20, 10],
])('pod focus at %ix%i', (columns, rows) => {
	it('Tab focuses a pod, arrows move, PgDn scrolls the panel, Tab leaves; every frame fits', async () => {
		const ui = open(columns, rows);
		await settle();
		await ui.press(ENTER);
		await until(ui, text => text.includes('TRAFFIC'));
		await ui.press(TAB);
		// The focused cell is bracketed, so it shows without colour, even at 20 columns.
		const focused = await until(ui, frame => / A(CTIVE)? +\[●\]●●/.test(frame));
		expect(focused, focused).toMatch(/ A(CTIVE)? +\[●\]●●/);
		expectFits(ui.lastFrame(), columns, rows);
		for (const key of [RIGHT, RIGHT, DOWN, '\u001B[6~', '\u001B[6~', 'k', '\u001B[D']) {
			await ui.press(key);
			expectFits(ui.lastFrame(), columns, rows);
		}
		await ui.press(TAB);
		expectFits(ui.lastFrame(), columns, rows);
		expect(await until(ui, text => !text.includes('CONTAINERS'))).not.toContain('CONTAINERS');
	}, 30_000);
});

describe('pod panel at 120x40', () => {
	it('shows node, IP, restarts, the last termination and the pod events; arrows change the pod', async () => {
		const ui = open(120, 40);
		await settle();
		await ui.press(ENTER);
		await until(ui, text => text.includes('TRAFFIC'));
		await ui.press(TAB);
		const frame = await until(ui, text => text.includes('POD EVENTS'));
		const first = focusedName(frame);
		expect(first, frame).toBeDefined();
		expect(frame).toMatch(/node kwok-node-\d {2}ip 10\.0\.0\.\d/);
		expect(frame).toMatch(/restarts 2/);
		// The message's escape sequence is neutralised by the screen's sanitiser.
		expect(frame).toMatch(/last +OOMKilled, exit 137 3m ago: memory limit.*reached/);
		expect(frame).not.toContain('\u001B[31m');
		expect(frame).toMatch(/POD EVENTS {2}1 {2}1 warning/);
		expect(frame).toMatch(/⚠ 60s +BackOff ×5 pod\/bluegreen-demo-/);
		expect(plainText(ui.lastFrame())).toContain('Tab back');

		await ui.press(RIGHT);
		const second = focusedName(await until(ui, text => focusedName(text) !== first));
		expect(second).toBeDefined();
		expect(second).not.toBe(first);
		await ui.press(DOWN);
		const third = focusedName(await until(ui, text => focusedName(text) !== second));
		expect(third).not.toBe(second);
		await ui.press(ESC);
		expect(await until(ui, text => text.includes('TRAFFIC'))).toContain('TRAFFIC');
	});
});
