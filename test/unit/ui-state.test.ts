import {describe, expect, it} from 'vitest';
import {initialUiState, reduceKey, type KeyContext} from '../../source/ui/state.js';
import {clipLine, plain, scrollToShow, seg, truncate, windowOf, wrapText} from '../../source/ui/lines.js';

const ctx: KeyContext = {visible: ['ns/a', 'ns/b', 'ns/c'], listHeight: 2, detailLines: 50, detailHeight: 10, readonly: false};
const at = (selected: string) => ({...initialUiState(), selected});

describe('key dispatcher', () => {
	it('moves the selection and clamps at the ends', () => {
		expect(reduceKey(at('ns/a'), 'down', ctx).state.selected).toBe('ns/b');
		expect(reduceKey(at('ns/a'), {char: 'k'}, ctx).state.selected).toBe('ns/a');
		expect(reduceKey(at('ns/a'), {char: 'G'}, ctx).state.selected).toBe('ns/c');
		expect(reduceKey(at('ns/c'), 'pageUp', ctx).state.selected).toBe('ns/b');
	});

	it('Enter opens the detail view; Esc comes back; q in the list quits', () => {
		const detail = reduceKey(at('ns/b'), 'enter', ctx).state;
		expect(detail.screen).toBe('detail');
		expect(reduceKey(detail, 'escape', ctx).state.screen).toBe('list');
		expect(reduceKey(at('ns/a'), {char: 'q'}, ctx).effect).toEqual({type: 'quit'});
		expect(reduceKey(detail, 'ctrl-c', ctx).effect).toEqual({type: 'quit'});
	});

	it('detail scrolling stops at the last page', () => {
		const detail = {...at('ns/a'), screen: 'detail' as const};
		expect(reduceKey(detail, {char: 'G'}, ctx).state.detailOffset).toBe(40);
		expect(reduceKey({...detail, detailOffset: 40}, 'down', ctx).state.detailOffset).toBe(40);
	});

	it('action keys plan on the selected rollout; undo opens the picker; readonly refuses', () => {
		expect(reduceKey(at('ns/b'), {char: 'p'}, ctx).effect).toEqual({type: 'plan', action: 'promote', target: 'ns/b'});
		expect(reduceKey(at('ns/b'), {char: 'P'}, ctx).effect).toEqual({type: 'plan', action: 'promote-full', target: 'ns/b'});
		expect(reduceKey(at('ns/b'), {char: 'u'}, ctx).effect).toEqual({type: 'openPicker', target: 'ns/b'});
		const refused = reduceKey(at('ns/b'), {char: 'a'}, {...ctx, readonly: true});
		expect(refused.effect).toBeUndefined();
		expect(refused.state.flash?.text).toContain('read-only');
	});

	it('a modal takes keys before the screen behind it', () => {
		const plan = {action: 'abort' as const, rollout: {namespace: 'ns', name: 'b', resourceVersion: '1'}, patches: [], summary: 'Abort?'};
		const confirming = {...at('ns/b'), confirm: plan};
		expect(reduceKey(confirming, {char: 'j'}, ctx).state).toBe(confirming);
		expect(reduceKey(confirming, {char: 'y'}, ctx).effect).toEqual({type: 'execute', plan});
		expect(reduceKey(confirming, 'escape', ctx).state.confirm).toBeNull();
		const help = {...at('ns/b'), help: true};
		expect(reduceKey(help, {char: 'p'}, ctx).effect).toBeUndefined();
		expect(reduceKey(help, 'escape', ctx).state.help).toBe(false);
	});

	it('the picker turns a choice into an undo plan for that revision', () => {
		const picking = {...at('ns/b'), picker: {choices: [{revision: 3, label: 'r3'}, {revision: 1, label: 'r1'}], index: 0}};
		const moved = reduceKey(picking, 'down', ctx).state;
		expect(reduceKey(moved, 'enter', ctx).effect).toEqual({type: 'plan', action: 'undo', target: 'ns/b', toRevision: 1});
	});

	it('filter mode edits the filter and Esc clears it', () => {
		let state = reduceKey(at('ns/a'), {char: '/'}, ctx).state;
		for (const char of 'ab') state = reduceKey(state, {char}, ctx).state;
		expect(state.filter).toBe('ab');
		state = reduceKey(state, 'backspace', ctx).state;
		expect(state.filter).toBe('a');
		expect(reduceKey(state, 'escape', ctx).state).toMatchObject({filter: '', filtering: false});
		expect(reduceKey(state, 'enter', ctx).state).toMatchObject({filter: 'a', filtering: false});
	});
});

describe('lines', () => {
	it('truncate and clipLine never exceed the width and mark the cut', () => {
		expect(truncate('bluegreen-demo', 6)).toBe('blueg…');
		expect(truncate('short', 10)).toBe('short');
		const line = [seg('● ready '), seg('argoproj/rollouts-demo:green', {color: 'green'})];
		expect(plain(clipLine(line, 12))).toBe('● ready arg…');
		expect(clipLine(line, 100)).toBe(line);
		expect(plain(clipLine(line, 1))).toBe('…');
	});

	it('windows and scrolling keep the selection visible', () => {
		expect(windowOf([1, 2, 3, 4, 5], 10, 2)).toEqual({items: [4, 5], offset: 3});
		expect(scrollToShow(7, 0, 5)).toBe(3);
		expect(scrollToShow(1, 3, 5)).toBe(1);
		expect(scrollToShow(4, 3, 5)).toBe(3);
	});

	it('wrapText keeps every word and every line within the width', () => {
		expect(wrapText('Switch active Service bluegreen-demo from revision 1 to revision 2?', 24)).toEqual([
			'Switch active Service',
			'bluegreen-demo from',
			'revision 1 to revision',
			'2?',
		]);
		expect(wrapText('averyveryverylongword', 8)).toEqual(['averyve…']);
	});
});

describe('analysis runs from the detail view', () => {
	const ctx = {visible: ['ns/a'], listHeight: 5, detailLines: 50, detailHeight: 10, readonly: false, runs: ['r1', 'r2', 'r3'], runLines: 30};
	const detail = {...initialUiState('ns/a', 'detail')};

	it('n and N move the run cursor, wrapping; Enter opens the selected run, else the first', () => {
		const n = (s: typeof detail, key: string) => reduceKey(s, {char: key}, ctx).state;
		expect(n(detail, 'n').selectedRun).toBe('r1');
		expect(n(n(n(n(detail, 'n'), 'n'), 'n'), 'n').selectedRun).toBe('r1');
		expect(n(detail, 'N').selectedRun).toBe('r3');
		expect(reduceKey(detail, 'enter', ctx).state).toMatchObject({screen: 'analysis', selectedRun: 'r1', runOffset: 0});
		expect(reduceKey(n(n(detail, 'n'), 'n'), 'enter', ctx).state.selectedRun).toBe('r2');
		expect(reduceKey(detail, 'enter', {...ctx, runs: []}).state.screen).toBe('detail');
	});

	it('the run view scrolls on its own offset and Esc goes back to the detail view', () => {
		const open = reduceKey(detail, 'enter', ctx).state;
		const scrolled = reduceKey(open, 'pageDown', ctx).state;
		expect([scrolled.runOffset, scrolled.detailOffset]).toEqual([9, 0]);
		expect(reduceKey(scrolled, 'end', ctx).state.runOffset).toBe(20);
		expect(reduceKey(scrolled, 'escape', ctx).state).toMatchObject({screen: 'detail', selectedRun: 'r1'});
		// Opening another rollout forgets the run cursor.
		const list = reduceKey(reduceKey(scrolled, 'escape', ctx).state, 'escape', ctx).state;
		expect(reduceKey(list, 'enter', ctx).state).toMatchObject({screen: 'detail', selectedRun: null});
	});
});

describe('traffic panel keys', () => {
	const detail = {...initialUiState('ns/a', 'detail')};
	const probing = {...ctx, canProbe: true};
	const press = (state: typeof detail, ...keys: string[]) =>
		keys.reduce((s, key) => reduceKey(s, {char: key}, probing).state, state);

	it('t opens the panel at 20/s and closes it; Esc back to the list closes it', () => {
		const opened = press(detail, 't');
		expect(opened.traffic).toEqual({rate: 20});
		expect(press(opened, 't').traffic).toBeNull();
		expect(reduceKey(opened, 'escape', probing).state).toMatchObject({screen: 'list', traffic: null});
	});

	it('+/- step the rate, never above 50 nor below 1; without the panel they say how to open it', () => {
		expect(press(detail, 't', '+').traffic).toEqual({rate: 30});
		expect(press(detail, 't', '+', '+', '+', '+', '+', '+').traffic).toEqual({rate: 50});
		expect(press(detail, 't', '-', '-').traffic).toEqual({rate: 5});
		expect(press(detail, 't', ...'--------').traffic).toEqual({rate: 1});
		expect(press(detail, '+')).toMatchObject({traffic: null, flash: {text: 't opens the traffic panel first'}});
	});

	it('without a probe (a file) t says traffic needs a cluster', () => {
		const {state} = reduceKey(detail, {char: 't'}, ctx);
		expect(state.traffic).toBeNull();
		expect(state.flash?.text).toBe('traffic needs a cluster (this is a file)');
	});
});
