// The UI's state and its one key dispatcher, as a pure function: a key and
// the current state in, the next state and at most one effect out. Modes
// (help, confirm, picker, filter) take keys before the screen under them, in
// that order, so a modal can never leak a key to the view behind it.
import type {ActionName, ActionPlan} from '../actions/plan.js';
import {ACTION_KEYS} from './keymap.js';

export type Screen = 'list' | 'detail';

export interface Flash {
	kind: 'info' | 'success' | 'error';
	text: string;
}

export interface RevisionChoice {
	revision: number;
	label: string; // images, age, ready pods
}

export interface UiState {
	screen: Screen;
	selected: string | null; // "namespace/name" of the selected rollout
	listOffset: number;
	detailOffset: number;
	filter: string;
	filtering: boolean;
	help: boolean;
	helpOffset: number;
	confirm: ActionPlan | null;
	picker: {choices: RevisionChoice[]; index: number} | null;
	busy: string | null; // what is in flight, e.g. "promoting bluegreen-demo"
	flash: Flash | null;
}

export const initialUiState = (selected: string | null = null, screen: Screen = 'list'): UiState => ({
	screen,
	selected,
	listOffset: 0,
	detailOffset: 0,
	filter: '',
	filtering: false,
	help: false,
	helpOffset: 0,
	confirm: null,
	picker: null,
	busy: null,
	flash: null,
});

/** A key press, normalised from Ink's (input, key) pair. */
export type KeyName =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'enter'
	| 'escape'
	| 'backspace'
	| 'left'
	| 'right'
	| 'ctrl-c'
	| {char: string};

export type Effect =
	| {type: 'quit'}
	| {type: 'plan'; action: ActionName; target: string; toRevision?: number}
	| {type: 'openPicker'; target: string}
	| {type: 'execute'; plan: ActionPlan};

/** What the dispatcher needs to know about the screen it is acting on. */
export interface KeyContext {
	/** Keys of the rollouts visible in the list (after the filter), in order. */
	visible: string[];
	listHeight: number;
	detailLines: number;
	detailHeight: number;
	readonly: boolean;
}

export interface KeyResult {
	state: UiState;
	effect?: Effect;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export function reduceKey(state: UiState, key: KeyName, ctx: KeyContext): KeyResult {
	if (key === 'ctrl-c') return {state, effect: {type: 'quit'}};
	if (state.help) return {state: helpKey(state, key, ctx)};
	if (state.confirm) return confirmKey(state, key);
	if (state.picker) return pickerKey(state, key);
	if (state.filtering) return {state: filterKey(state, key)};
	if (key === 'escape' && state.flash) return {state: {...state, flash: null}};
	if (typeof key === 'object' && key.char === '?') return {state: {...state, help: true, helpOffset: 0}};
	if (typeof key === 'object' && ACTION_KEYS[key.char]) return actionKey(state, ACTION_KEYS[key.char]!, ctx);
	return state.screen === 'list' ? listKey(state, key, ctx) : detailKey(state, key, ctx);
}

const closesHelp = (key: KeyName) =>
	key === 'escape' || key === 'enter' || (typeof key === 'object' && (key.char === '?' || key.char === 'q'));

/** The help scrolls on small terminals (ctx.detailLines is its length while open); ?, Esc, Enter, q close it. */
function helpKey(state: UiState, key: KeyName, ctx: KeyContext): UiState {
	if (closesHelp(key)) return {...state, help: false};
	const step = key === 'down' || (typeof key === 'object' && key.char === 'j') ? 1 : key === 'up' || (typeof key === 'object' && key.char === 'k') ? -1 : key === 'pageDown' ? ctx.detailHeight : key === 'pageUp' ? -ctx.detailHeight : 0;
	return step === 0 ? state : {...state, helpOffset: clamp(state.helpOffset + step, 0, Math.max(0, ctx.detailLines - ctx.detailHeight))};
}

function confirmKey(state: UiState, key: KeyName): KeyResult {
	const plan = state.confirm!;
	if (key === 'enter' || (typeof key === 'object' && (key.char === 'y' || key.char === 'Y'))) {
		return {state: {...state, confirm: null}, effect: {type: 'execute', plan}};
	}
	if (key === 'escape' || (typeof key === 'object' && (key.char === 'n' || key.char === 'N' || key.char === 'q'))) {
		return {state: {...state, confirm: null, flash: {kind: 'info', text: 'cancelled: nothing was changed'}}};
	}
	return {state};
}

function pickerKey(state: UiState, key: KeyName): KeyResult {
	const picker = state.picker!;
	const last = picker.choices.length - 1;
	const move = (index: number) => ({state: {...state, picker: {...picker, index: clamp(index, 0, last)}}});
	if (key === 'up' || (typeof key === 'object' && key.char === 'k')) return move(picker.index - 1);
	if (key === 'down' || (typeof key === 'object' && key.char === 'j')) return move(picker.index + 1);
	if (key === 'home' || (typeof key === 'object' && key.char === 'g')) return move(0);
	if (key === 'end' || (typeof key === 'object' && key.char === 'G')) return move(last);
	if (key === 'escape' || (typeof key === 'object' && key.char === 'q')) return {state: {...state, picker: null}};
	if (key === 'enter' && state.selected) {
		const choice = picker.choices[picker.index];
		if (!choice) return {state: {...state, picker: null}};
		return {
			state: {...state, picker: null},
			effect: {type: 'plan', action: 'undo', target: state.selected, toRevision: choice.revision},
		};
	}
	return {state};
}

function filterKey(state: UiState, key: KeyName): UiState {
	if (key === 'enter') return {...state, filtering: false};
	if (key === 'escape') return {...state, filtering: false, filter: '', listOffset: 0};
	if (key === 'backspace') return {...state, filter: state.filter.slice(0, -1), listOffset: 0};
	if (typeof key === 'object' && key.char.length === 1 && key.char >= ' ') {
		return {...state, filter: state.filter + key.char, listOffset: 0};
	}
	return state;
}

function actionKey(state: UiState, action: ActionName, ctx: KeyContext): KeyResult {
	if (ctx.readonly) {
		return {state: {...state, flash: {kind: 'error', text: 'read-only mode (--readonly): actions are disabled'}}};
	}
	if (state.busy) return {state: {...state, flash: {kind: 'info', text: `wait: ${state.busy} is still in flight`}}};
	const target = state.selected;
	if (!target || (state.screen === 'list' && !ctx.visible.includes(target))) {
		return {state: {...state, flash: {kind: 'info', text: 'no rollout selected'}}};
	}
	if (action === 'undo') return {state, effect: {type: 'openPicker', target}};
	return {state, effect: {type: 'plan', action, target}};
}

function listKey(state: UiState, key: KeyName, ctx: KeyContext): KeyResult {
	const {visible} = ctx;
	const index = state.selected ? visible.indexOf(state.selected) : -1;
	const select = (i: number): KeyResult => {
		if (visible.length === 0) return {state};
		const next = clamp(i, 0, visible.length - 1);
		return {state: {...state, selected: visible[next]!}};
	};
	if (typeof key === 'object') {
		switch (key.char) {
			case 'k':
				return select(index - 1);
			case 'j':
				return select(index + 1);
			case 'g':
				return select(0);
			case 'G':
				return select(visible.length - 1);
			case '/':
				return {state: {...state, filtering: true}};
			case 'q':
				return {state, effect: {type: 'quit'}};
			case 'l':
				return openDetail(state, index);
			default:
				return {state};
		}
	}
	switch (key) {
		case 'up':
			return select(index - 1);
		case 'down':
			return select(index + 1);
		case 'pageUp':
			return select(index - Math.max(1, ctx.listHeight - 1));
		case 'pageDown':
			return select(index + Math.max(1, ctx.listHeight - 1));
		case 'home':
			return select(0);
		case 'end':
			return select(visible.length - 1);
		case 'enter':
		case 'right':
			return openDetail(state, index);
		case 'escape':
			return {state: state.filter ? {...state, filter: '', listOffset: 0} : state};
		default:
			return {state};
	}
}

const openDetail = (state: UiState, index: number): KeyResult =>
	index < 0 ? {state} : {state: {...state, screen: 'detail', detailOffset: 0}};

function detailKey(state: UiState, key: KeyName, ctx: KeyContext): KeyResult {
	const maxOffset = Math.max(0, ctx.detailLines - ctx.detailHeight);
	const scroll = (offset: number): KeyResult => ({state: {...state, detailOffset: clamp(offset, 0, maxOffset)}});
	const page = Math.max(1, ctx.detailHeight - 1);
	if (typeof key === 'object') {
		switch (key.char) {
			case 'k':
				return scroll(state.detailOffset - 1);
			case 'j':
				return scroll(state.detailOffset + 1);
			case 'g':
				return scroll(0);
			case 'G':
				return scroll(maxOffset);
			case 'q':
			case 'h':
				return {state: {...state, screen: 'list'}};
			default:
				return {state};
		}
	}
	switch (key) {
		case 'up':
			return scroll(state.detailOffset - 1);
		case 'down':
			return scroll(state.detailOffset + 1);
		case 'pageUp':
			return scroll(state.detailOffset - page);
		case 'pageDown':
			return scroll(state.detailOffset + page);
		case 'home':
			return scroll(0);
		case 'end':
			return scroll(maxOffset);
		case 'escape':
		case 'left':
			return {state: {...state, screen: 'list'}};
		default:
			return {state};
	}
}
