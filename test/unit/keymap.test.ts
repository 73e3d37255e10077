import {describe, expect, it} from 'vitest';
import {KEY_BINDINGS, bindingFor, keyLabel, keysHelpText, type KeyName, type Mode} from '../../source/ui/keymap.js';
import {helpLines, hintLine} from '../../source/ui/overlays.js';
import {plain} from '../../source/ui/lines.js';
import {initialUiState, modeOf, reduceKey, type KeyContext, type UiState} from '../../source/ui/state.js';

const SPECIAL: KeyName[] = ['up', 'down', 'left', 'right', 'pageUp', 'pageDown', 'home', 'end', 'enter', 'escape', 'backspace', 'ctrl-b', 'ctrl-f', 'ctrl-c', 'tab'];
const PRINTABLE: KeyName[] = Array.from({length: 95}, (_, i) => ({char: String.fromCharCode(32 + i)}));
const EVERY_KEY = [...SPECIAL, ...PRINTABLE];

const ctx: KeyContext = {visible: ['ns/a', 'ns/b'], listHeight: 5, detailLines: 80, detailHeight: 10, readonly: false, runs: ['run-1', 'run-2'], runLines: 40, podGrid: [['p1', 'p2'], ['p3']]};
const plan = {action: 'abort' as const, rollout: {namespace: 'ns', name: 'a', resourceVersion: '1'}, patches: [], summary: 'Abort?'};
const base = {...initialUiState('ns/a'), detailOffset: 5, helpOffset: 5};
const STATES: Record<Mode, UiState> = {
	list: base,
	detail: {...base, screen: 'detail'},
	analysis: {...base, screen: 'analysis', selectedRun: 'run-1', runOffset: 3},
	pod: {...base, screen: 'detail', focusedPod: 'p2'},
	help: {...base, help: true},
	confirm: {...base, confirm: plan},
	picker: {...base, picker: {choices: [{revision: 2, label: 'r2'}, {revision: 1, label: 'r1'}], index: 1}},
	filter: {...base, filtering: true, filter: 'ab'},
};

/** What a person can read for a mode: the help overlay of a screen; for a modal, its hint line and --help's lines for it. */
function documentation(mode: Mode): string {
	if (mode === 'confirm' || mode === 'picker') {
		const helpText = keysHelpText().split('\n').filter(line => line.includes(mode) || line.includes('everywhere'));
		return [plain(hintLine(mode)), ...helpText].join('\n');
	}
	return helpLines(mode === 'detail' || mode === 'analysis' ? mode : mode === 'pod' ? 'detail' : 'list', false).map(plain).join('\n');
}

describe('the key table', () => {
	it.each(Object.keys(STATES) as Mode[])('every key the dispatcher handles in %s mode is in the table and documented there', mode => {
		const state = STATES[mode];
		expect(modeOf(state)).toBe(mode);
		for (const key of EVERY_KEY) {
			const result = reduceKey(state, key, ctx);
			if (result.state === state && !result.effect) continue;
			const typedText = mode === 'filter' && typeof key === 'object' && result.state.filter === `ab${key.char}`;
			if (typedText) continue;
			const binding = bindingFor(mode, key, false);
			expect(binding, `${JSON.stringify(key)} in ${mode}`).toBeDefined();
			if (mode !== 'help' && mode !== 'filter') expect(documentation(mode)).toContain(keyLabel(key));
		}
	});

	it('--help lists every binding of the table, with its help text', () => {
		const text = keysHelpText();
		for (const b of KEY_BINDINGS) expect(text).toContain(`${b.keys.map(keyLabel).join(' ').padEnd(16)}${b.help}`);
	});

	it('the help overlay lists every binding of its screen and of the filter', () => {
		const list = helpLines('list', false).map(plain).join('\n');
		for (const b of KEY_BINDINGS.filter(x => x.modes.includes('list') || x.modes.includes('filter'))) expect(list).toContain(b.help);
		const detail = helpLines('detail', false).map(plain).join('\n');
		for (const b of KEY_BINDINGS.filter(x => x.modes.includes('detail') || x.modes.includes('pod'))) expect(detail).toContain(b.help);
	});

	it('read-only help has no action keys', () => {
		const text = helpLines('detail', true).map(plain).join('\n');
		expect(text).not.toContain('promote-full:');
		expect(text).toContain('Read-only');
	});

	it('no key means two things in one mode', () => {
		for (const mode of Object.keys(STATES) as Mode[]) {
			for (const flash of [false, true]) {
				const seen = new Map<string, number>();
				for (const b of KEY_BINDINGS.filter(x => x.modes.includes(mode) && (!x.whenFlash || flash))) {
					for (const key of b.keys) seen.set(JSON.stringify(key), (seen.get(JSON.stringify(key)) ?? 0) + 1);
				}
				// Esc is listed twice in the list and detail screens: first as "dismiss the message", then as its screen meaning.
				const duplicates = [...seen].filter(([key, n]) => n > 1 && !(key === '"escape"' && flash));
				expect(duplicates, `${mode} flash=${flash}`).toEqual([]);
			}
		}
	});
});
