import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import type {ActionPlan} from '../../source/actions/plan.js';
import {expectFits, objectsFromFile, plainText, renderAt, settle, staticSource} from './render.js';

const objects = objectsFromFile('examples/bluegreen-paused.yaml');
const ENTER = '\r';
const ESC = '\u001B';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function open(columns: number, rows: number, props: Partial<React.ComponentProps<typeof App>> = {}) {
	const ui = renderAt(
		<App source={staticSource(objects)} origin="file demo" namespace="default" readonlyReason={null} {...props} />,
		columns,
		rows,
	);
	cleanup = ui.unmount;
	return ui;
}

describe.each([
	[120, 40],
	[80, 24],
	[40, 12],
	[20, 10],
])('at %ix%i', (columns, rows) => {
	it('the list fits the terminal and shows the paused rollout', async () => {
		const ui = open(columns, rows);
		await settle();
		expectFits(ui.lastFrame(), columns, rows);
		expect(plainText(ui.lastFrame())).toContain('blueg');
		expect(plainText(ui.lastFrame())).toContain('॥ Paused');
	});

	it('the detail view and pod grid fit the terminal', async () => {
		const ui = open(columns, rows);
		await settle();
		await ui.press(ENTER);
		const frame = plainText(ui.lastFrame());
		expectFits(ui.lastFrame(), columns, rows);
		expect(frame).toContain('bluegreen-demo');
		// Scroll through the whole detail view; every frame must still fit.
		for (let i = 0; i < 60; i++) {
			await ui.press('j');
			expectFits(ui.lastFrame(), columns, rows);
		}
		// 60 renders: give a loaded 2-core machine time (this is not a timing test).
	}, 30_000);
});

describe('detail view at 120x40', () => {
	it('shows which revision takes live traffic and which is the candidate, without colour', async () => {
		const ui = open(120, 40);
		await settle();
		await ui.press(ENTER);
		const lines = plainText(ui.lastFrame()).split('\n');
		const active = lines.find(l => /^ ACTIVE +rev 1 +●●● 3\/3/.test(l));
		const preview = lines.find(l => /^ PREVIEW +rev 2 +●●● 3\/3/.test(l));
		expect(active, lines.join('\n')).toBeDefined();
		expect(preview).toBeDefined();
		expect(lines.some(l => /active +bluegreen-demo +→ \w+ → revision 1 +hosts bluegreen\.auto/.test(l))).toBe(true);
		expect(lines.some(l => /preview +bluegreen-demo-preview +→ \w+ → revision 2/.test(l))).toBe(true);
		expect(lines.some(l => l.includes('└──⧉ bluegreen-demo-'))).toBe(true);
	});

	it('Esc goes back to the list and q then quits', async () => {
		const ui = open(120, 40);
		await settle();
		await ui.press(ENTER);
		await ui.press(ESC);
		await settle(80);
		expect(plainText(ui.lastFrame())).toContain('STRATEGY');
	});
});

describe('keys', () => {
	it('? opens the help listing every action key', async () => {
		const ui = open(100, 40);
		await settle();
		await ui.press('?');
		const frame = plainText(ui.lastFrame());
		for (const word of ['promote', 'promote-full', 'abort', 'retry', 'undo', 'restart', 'pause', 'filter']) {
			expect(frame).toContain(word);
		}
	});

	it('the help scrolls on a small terminal', async () => {
		const ui = open(40, 12);
		await settle();
		await ui.press('?');
		expect(plainText(ui.lastFrame())).toContain('HELP');
		for (let i = 0; i < 40; i++) await ui.press('j');
		const frame = plainText(ui.lastFrame());
		expectFits(ui.lastFrame(), 40, 12);
		expect(frame).not.toContain('HELP');
		expect(frame).toContain('Roles');
		await ui.press('?');
		expect(plainText(ui.lastFrame())).toContain('STATUS');
	});

	it('/ filters the list by name', async () => {
		const ui = open(100, 24);
		await settle();
		await ui.press('/');
		for (const ch of 'nomatch') await ui.press(ch);
		expect(plainText(ui.lastFrame())).toContain('no rollout matches "nomatch"');
		await ui.press(ESC);
		expect(plainText(ui.lastFrame())).toContain('bluegreen-demo');
	});

	it('read-only mode refuses action keys and hides them from the footer', async () => {
		const ui = open(100, 24, {readonlyReason: '--readonly'});
		await settle();
		expect(plainText(ui.lastFrame())).toContain('READ-ONLY');
		// The footer (the last line) offers no action; the list may still say a rollout waits for a promote.
		const footer = plainText(ui.lastFrame()).replace(/\n$/, '').split('\n').at(-1)!;
		expect(footer).toContain('help');
		expect(footer).not.toContain('promote');
		await ui.press('p');
		expect(plainText(ui.lastFrame())).toContain('read-only mode');
	});

	it('p asks for confirmation in operator terms; n cancels; y sends the plan', async () => {
		const sent: ActionPlan[] = [];
		const execute = async (plan: ActionPlan) => {
			sent.push(plan);
			return {ok: true as const, message: `rollout '${plan.rollout.name}' promoted`};
		};
		const ui = open(140, 30, {execute});
		await settle();
		await ui.press('p');
		let frame = plainText(ui.lastFrame());
		expect(frame).toContain('CONFIRM');
		expect(frame).toMatch(/Switch active Service bluegreen-demo from revision 1 .*to revision 2/);
		await ui.press('n');
		expect(plainText(ui.lastFrame())).toContain('cancelled');
		expect(sent).toHaveLength(0);
		await ui.press('p');
		await ui.press('y');
		await settle(50);
		expect(sent).toHaveLength(1);
		expect(sent[0]!.action).toBe('promote');
		frame = plainText(ui.lastFrame());
		expect(frame).toContain("rollout 'bluegreen-demo' promoted");
	});

	it('u opens the revision picker with the template diff, then a confirmation', async () => {
		const sent: ActionPlan[] = [];
		const ui = open(140, 36, {execute: async plan => (sent.push(plan), {ok: true as const, message: 'ok'})});
		await settle();
		await ui.press('u');
		let frame = plainText(ui.lastFrame());
		expect(frame).toContain('UNDO');
		expect(frame).toMatch(/› revision 1 +argoproj\/rollouts-demo:blue/);
		expect(frame).toMatch(/- .*rollouts-demo:green/);
		expect(frame).toMatch(/\+ .*rollouts-demo:blue/);
		await ui.press(ENTER);
		frame = plainText(ui.lastFrame());
		expect(frame).toContain('CONFIRM');
		expect(frame).toMatch(/revision 1/);
		await ui.press('y');
		await settle(50);
		expect(sent[0]).toMatchObject({action: 'undo', targetRevision: 1});
	});

	it('a refused action says why (retry on a rollout that is not aborted)', async () => {
		const ui = open(140, 30, {execute: async () => ({ok: true as const, message: 'x'})});
		await settle();
		await ui.press('r');
		expect(plainText(ui.lastFrame())).toMatch(/retry: .*not aborted/);
	});
});

describe('resize', () => {
	it('reflows to a smaller terminal', async () => {
		const ui = open(120, 40);
		await settle();
		await ui.press(ENTER);
		ui.stdout.resize(40, 12);
		await settle(80);
		expectFits(ui.lastFrame(), 40, 12);
	});
});
