// The UI's state and its one key dispatcher, as a pure function: a key and
// the current state in, the next state and at most one effect out. The key
// table (keymap.ts) turns the key into an intent for the current mode; modes
// (help, confirm, picker, filter) take keys before the screen under them, so a
// modal can never leak a key to the view behind it.
import type {ActionName, ActionPlan} from '../actions/plan.js';
import {clampRate, DEFAULT_RATE} from '../model/traffic-pace.js';
import type {ManualAction, ManualPlan} from '../actions/manual-plan.js';
import {isSwitchKey} from '../actions/switch-targets.js';
import {scrollToShow} from './lines.js';
import {bindingFor, type Intent, type KeyName, type Mode} from './keymap.js';
import {firstPod, movePod} from './pod-focus.js';

export type {KeyName} from './keymap.js';

export type Screen = 'list' | 'detail' | 'analysis';

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
	/** The list's first shown row: kept so that moving the selection scrolls as little as possible. */
	listOffset: number;
	detailOffset: number;
	/** The analysis run under the detail view's cursor (n/N), and the open run's scroll offset. */
	selectedRun: string | null;
	runOffset: number;
	/** The pod with the focus in the detail screen's grid (Tab), by name; null when the grid has no focus. */
	focusedPod: string | null;
	filter: string;
	filtering: boolean;
	help: boolean;
	helpOffset: number;
	/** The plan waiting for y/n: a rollout's, or an Ingress switch's (ManualPlan). */
	confirm: ActionPlan | ManualPlan | null;
	picker: {choices: RevisionChoice[]; index: number} | null;
	busy: string | null; // what is in flight, e.g. "promoting bluegreen-demo"
	flash: Flash | null;
	/** The traffic panel, when open: requests per second per Service. */
	traffic: {rate: number} | null;
}

export const initialUiState = (selected: string | null = null, screen: Screen = 'list'): UiState => ({
	screen,
	selected,
	listOffset: 0,
	detailOffset: 0,
	selectedRun: null,
	runOffset: 0,
	focusedPod: null,
	filter: '',
	filtering: false,
	help: false,
	helpOffset: 0,
	confirm: null,
	picker: null,
	busy: null,
	flash: null,
	traffic: null,
});

export type Effect =
	| {type: 'quit'}
	| {type: 'plan'; action: ActionName; target: string; toRevision?: number}
	| {type: 'openPicker'; target: string}
	| {type: 'planManual'; action: ManualAction; target: string}
	| {type: 'execute'; plan: ActionPlan | ManualPlan};

/** What the dispatcher needs to know about the screen it is acting on. */
export interface KeyContext {
	/** Keys of the rollouts visible in the list (after the filter), in order. */
	visible: string[];
	listHeight: number;
	detailLines: number;
	detailHeight: number;
	readonly: boolean;
	/** How old the objects on screen are ("12s") while the connection is degraded; null or absent when current. */
	stale?: string | null;
	/** The selected rollout's analysis runs, in the order the panel shows them. */
	runs?: string[];
	/** Lines of the open analysis run's view. */
	runLines?: number;
	/** Whether the traffic panel can probe (a cluster, not a file). */
	canProbe?: boolean;
	/** The pod grid as shown: one row of pod names per ReplicaSet (the detail screen only). */
	podGrid?: string[][];
}

export interface KeyResult {
	state: UiState;
	effect?: Effect;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** The layer that takes the keyboard: the topmost modal, else the screen. */
export function modeOf(state: UiState): Mode {
	if (state.help) return 'help';
	if (state.confirm) return 'confirm';
	if (state.picker) return 'picker';
	if (state.filtering) return 'filter';
	if (state.screen === 'detail' && state.focusedPod !== null) return 'pod';
	return state.screen;
}

export function reduceKey(state: UiState, key: KeyName, ctx: KeyContext): KeyResult {
	const mode = modeOf(state);
	const binding = bindingFor(mode, key, state.flash !== null);
	if (binding) return apply(state, mode, binding.intent, ctx);
	// Filter mode takes any printable character as text.
	if (mode === 'filter' && typeof key === 'object' && key.char.length === 1 && key.char >= ' ') {
		return {state: {...state, filter: state.filter + key.char}};
	}
	return {state};
}

function apply(state: UiState, mode: Mode, intent: Intent, ctx: KeyContext): KeyResult {
	if (typeof intent === 'object') return 'manual' in intent ? actionKey(state, intent.manual, ctx, true) : actionKey(state, intent.action, ctx, false);
	switch (intent) {
		case 'quit':
			return {state, effect: {type: 'quit'}};
		case 'dismiss':
			return {state: {...state, flash: null}};
		case 'help':
			return {state: {...state, help: true, helpOffset: 0}};
		case 'closeHelp':
			return {state: {...state, help: false}};
		case 'open':
			return openDetail(state, ctx);
		case 'back':
			return {state: state.screen === 'analysis' ? {...state, screen: 'detail', focusedPod: null} : {...state, screen: 'list', traffic: null, focusedPod: null}};
		case 'nextRun':
		case 'prevRun':
			return {state: selectRun(state, ctx.runs ?? [], intent === 'nextRun' ? 1 : -1)};
		case 'openRun': {
			const run = state.selectedRun ?? ctx.runs?.[0];
			return run === undefined ? {state} : {state: {...state, screen: 'analysis', selectedRun: run, runOffset: 0}};
		}
		case 'focusPods': {
			const pod = firstPod(ctx.podGrid ?? []);
			return {state: pod ? {...state, focusedPod: pod, detailOffset: 0} : {...state, flash: {kind: 'info', text: 'no pods to focus'}}};
		}
		case 'unfocus':
			return {state: {...state, focusedPod: null, detailOffset: 0}};
		case 'filter':
			return {state: {...state, filtering: true}};
		case 'keepFilter':
			return {state: {...state, filtering: false}};
		case 'clearFilter':
			return {state: {...state, filtering: false, filter: ''}};
		case 'deleteChar':
			return {state: {...state, filter: state.filter.slice(0, -1)}};
		case 'confirm':
			// The confirmation stays open, so it can be confirmed once the view is live again.
			if (ctx.stale) return {state: {...state, flash: {kind: 'info', text: waitForFresh(ctx.stale)}}};
			return {state: {...state, confirm: null}, effect: {type: 'execute', plan: state.confirm!}};
		case 'cancel':
			return mode === 'picker'
				? {state: {...state, picker: null}}
				: {state: {...state, confirm: null, flash: {kind: 'info', text: 'cancelled: nothing was changed'}}};
		case 'pick':
			return pick(state);
		case 'toggleTraffic':
		case 'faster':
		case 'slower':
			return {state: trafficKey(state, intent, ctx)};
		case 'left':
		case 'right':
			return {state: {...state, focusedPod: movePod(ctx.podGrid ?? [], state.focusedPod, intent)}};
		default:
			if (mode === 'pod' && (intent === 'up' || intent === 'down')) {
				return {state: {...state, focusedPod: movePod(ctx.podGrid ?? [], state.focusedPod, intent)}};
			}
			return {state: move(state, mode, intent, ctx)};
	}
}

type Movement = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

/** Moves the list selection, the picker choice, or scrolls the detail view or the help. */
function move(state: UiState, mode: Mode, intent: Movement, ctx: KeyContext): UiState {
	if (mode === 'list') {
		const {visible} = ctx;
		if (visible.length === 0) return state;
		const index = state.selected ? visible.indexOf(state.selected) : -1;
		const next = clamp(step(index, visible.length - 1, Math.max(1, ctx.listHeight - 1), intent), 0, visible.length - 1);
		return {...state, selected: visible[next]!, listOffset: scrollToShow(next, state.listOffset, ctx.listHeight)};
	}
	if (mode === 'picker') {
		const picker = state.picker!;
		const last = picker.choices.length - 1;
		return {...state, picker: {...picker, index: clamp(step(picker.index, last, 1, intent), 0, last)}};
	}
	if (mode === 'analysis') {
		const last = Math.max(0, (ctx.runLines ?? 0) - ctx.detailHeight);
		return {...state, runOffset: clamp(step(state.runOffset, last, Math.max(1, ctx.detailHeight - 1), intent), 0, last)};
	}
	const maxOffset = Math.max(0, ctx.detailLines - ctx.detailHeight);
	if (mode === 'help') {
		const offset = step(state.helpOffset, maxOffset, ctx.detailHeight, intent);
		return {...state, helpOffset: clamp(offset, 0, maxOffset)};
	}
	const offset = step(state.detailOffset, maxOffset, Math.max(1, ctx.detailHeight - 1), intent);
	return {...state, detailOffset: clamp(offset, 0, maxOffset)};
}

function step(position: number, last: number, page: number, intent: Movement): number {
	switch (intent) {
		case 'up':
			return position - 1;
		case 'down':
			return position + 1;
		case 'pageUp':
			return position - page;
		case 'pageDown':
			return position + page;
		case 'top':
			return 0;
		case 'bottom':
			return last;
	}
}

function pick(state: UiState): KeyResult {
	const choice = state.picker!.choices[state.picker!.index];
	if (!choice || !state.selected) return {state: {...state, picker: null}};
	return {
		state: {...state, picker: null},
		effect: {type: 'plan', action: 'undo', target: state.selected, toRevision: choice.revision},
	};
}

/** Acting on a stale view could undo what happened meanwhile: actions wait until every kind is live again. */
const waitForFresh = (stale: string) => `waiting for a fresh state (the view is ${stale} old while reconnecting); actions work again once it is live`;

function actionKey(state: UiState, action: ActionName | ManualAction, ctx: KeyContext, manual: boolean): KeyResult {
	if (ctx.readonly) {
		return {state: {...state, flash: {kind: 'error', text: 'read-only mode (--readonly): actions are disabled'}}};
	}
	if (state.busy) return {state: {...state, flash: {kind: 'info', text: `wait: ${state.busy} is still in flight`}}};
	if (ctx.stale) return {state: {...state, flash: {kind: 'info', text: waitForFresh(ctx.stale)}}};
	const target = state.selected;
	if (!target || (state.screen === 'list' && !ctx.visible.includes(target))) {
		return {state: {...state, flash: {kind: 'info', text: 'no rollout selected'}}};
	}
	// Rollout keys on an Ingress switch (and back) say what they are for instead of planning.
	if (manual !== isSwitchKey(target)) {
		const text = manual ? `${action}: applies to Ingress switches (hand-made blue-green), not to rollouts` : `${action}: applies to rollouts; this is an Ingress switch (w switch, D/U scale)`;
		return {state: {...state, flash: {kind: 'info', text}}};
	}
	if (manual) return {state, effect: {type: 'planManual', action: action as ManualAction, target}};
	if (action === 'undo') return {state, effect: {type: 'openPicker', target}};
	return {state, effect: {type: 'plan', action: action as ActionName, target}};
}

const openDetail = (state: UiState, ctx: KeyContext): KeyResult =>
	state.selected && ctx.visible.includes(state.selected) ? {state: {...state, screen: 'detail', detailOffset: 0, selectedRun: null, focusedPod: null}} : {state};

/** Moves the run cursor by one, wrapping; the first press selects the first (or last) run. */
function selectRun(state: UiState, runs: string[], by: 1 | -1): UiState {
	if (runs.length === 0) return state;
	const index = state.selectedRun === null ? -1 : runs.indexOf(state.selectedRun);
	const next = index === -1 ? (by === 1 ? 0 : runs.length - 1) : (index + by + runs.length) % runs.length;
	return {...state, selectedRun: runs[next]!};
}

/** Steps of the rate keys: 1, 2, 5, 10, 20, 30, 40, 50 per second. */
const RATE_STEPS = [1, 2, 5, 10, 20, 30, 40, 50];

function trafficKey(state: UiState, intent: 'toggleTraffic' | 'faster' | 'slower', ctx: KeyContext): UiState {
	if (intent === 'toggleTraffic') {
		if (state.traffic) return {...state, traffic: null};
		if (!ctx.canProbe) return {...state, flash: {kind: 'info', text: 'traffic needs a cluster (this is a file)'}};
		return {...state, traffic: {rate: DEFAULT_RATE}};
	}
	if (!state.traffic) return {...state, flash: {kind: 'info', text: 't opens the traffic panel first'}};
	const {rate} = state.traffic;
	const next = intent === 'faster' ? RATE_STEPS.find(r => r > rate) : [...RATE_STEPS].reverse().find(r => r < rate);
	return {...state, traffic: {rate: clampRate(next ?? rate)}};
}
