// The one key table, in the k9s style: each binding holds its keys, the
// modes it applies to, the intent it produces, its help text and its footer
// label. The dispatcher (state.ts), the footer, the help overlay and
// `--help` all read it, so they cannot disagree; no other file names a key.
import type {ActionName} from '../actions/plan.js';
import type {ManualAction} from '../actions/manual-plan.js';

/** A key press, normalised from the terminal's input (see keys.ts). */
export type KeyName =
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'enter'
	| 'escape'
	| 'backspace'
	| 'ctrl-b'
	| 'ctrl-f'
	| 'ctrl-c'
	| 'tab'
	| {char: string};

/** Where the keyboard is: a screen, or a modal layer over it. Filter mode takes typed text and is listed apart. */
export type Mode = 'list' | 'detail' | 'analysis' | 'pod' | 'help' | 'confirm' | 'picker' | 'filter';

export type Intent =
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'focusPods'
	| 'unfocus'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'bottom'
	| 'open'
	| 'back'
	| 'filter'
	| 'keepFilter'
	| 'clearFilter'
	| 'deleteChar'
	| 'dismiss'
	| 'help'
	| 'closeHelp'
	| 'confirm'
	| 'cancel'
	| 'pick'
	| 'nextRun'
	| 'prevRun'
	| 'openRun'
	| 'quit'
	| 'toggleTraffic'
	| 'faster'
	| 'slower'
	| {action: ActionName}
	| {manual: ManualAction};

export interface KeyBinding {
	keys: KeyName[];
	modes: Mode[];
	intent: Intent;
	/** The help overlay's (and --help's) line. */
	help: string;
	/** Short footer label; bindings without one appear only in the help. */
	hint?: string;
	/** Applies only while a message is on the message line (Esc dismisses it before it means back). */
	whenFlash?: boolean;
}

const c = (char: string): KeyName => ({char});
const SCREENS: Mode[] = ['list', 'detail'];
const MOVING: Mode[] = ['list', 'detail', 'analysis', 'pod', 'help', 'picker'];
/** The screens, and the pod focus inside the detail screen. */
const VIEWING: Mode[] = ['list', 'detail', 'analysis', 'pod'];

const action = (key: string, name: ActionName, help: string, hint: string): KeyBinding => ({
	keys: [c(key)],
	modes: SCREENS,
	intent: {action: name},
	help,
	hint,
});

const manual = (key: string, name: ManualAction, help: string, hint: string): KeyBinding => ({
	keys: [c(key)],
	modes: SCREENS,
	intent: {manual: name},
	help,
	hint,
});

export const KEY_BINDINGS: readonly KeyBinding[] = [
	{keys: ['escape'], modes: VIEWING, intent: 'dismiss', help: 'dismiss the message line', whenFlash: true},
	{keys: ['up', c('k')], modes: MOVING, intent: 'up', help: 'move up / scroll up'},
	{keys: ['down', c('j')], modes: MOVING, intent: 'down', help: 'move down / scroll down'},
	{keys: ['pageUp', 'ctrl-b'], modes: ['list', 'detail', 'analysis', 'pod', 'help'], intent: 'pageUp', help: 'page up'},
	{keys: ['pageDown', 'ctrl-f'], modes: ['list', 'detail', 'analysis', 'pod', 'help'], intent: 'pageDown', help: 'page down'},
	{keys: ['home', c('g')], modes: ['list', 'detail', 'analysis', 'picker'], intent: 'top', help: 'go to the top'},
	{keys: ['end', c('G')], modes: ['list', 'detail', 'analysis', 'picker'], intent: 'bottom', help: 'go to the bottom'},
	{keys: ['enter', 'right', c('l')], modes: ['list'], intent: 'open', help: 'open the selected rollout', hint: 'open'},
	{keys: [c('/')], modes: ['list'], intent: 'filter', help: 'filter rollouts by name', hint: 'filter'},
	{keys: ['escape'], modes: ['list'], intent: 'clearFilter', help: 'clear the filter'},
	{keys: ['escape', 'left', c('h'), c('q')], modes: ['detail'], intent: 'back', help: 'back to the list', hint: 'back'},
	{keys: [c('n')], modes: ['detail'], intent: 'nextRun', help: 'select the next analysis run', hint: 'next run'},
	{keys: [c('N')], modes: ['detail'], intent: 'prevRun', help: 'select the previous analysis run'},
	{keys: ['enter'], modes: ['detail'], intent: 'openRun', help: 'open the selected analysis run (every metric and measurement)', hint: 'run'},
	{keys: ['escape', 'left', c('h'), c('q')], modes: ['analysis'], intent: 'back', help: 'back to the rollout', hint: 'back'},
	{keys: [c('t')], modes: ['detail'], intent: 'toggleTraffic', help: 'traffic panel: probe the Services through the API server (read-only)', hint: 'traffic'},
	{keys: [c('+'), c('=')], modes: ['detail'], intent: 'faster', help: 'traffic panel: more requests per second'},
	{keys: [c('-')], modes: ['detail'], intent: 'slower', help: 'traffic panel: fewer requests per second'},
	{keys: ['tab'], modes: ['detail'], intent: 'focusPods', help: 'focus the pod grid: a pod panel with its containers and events', hint: 'pods'},
	{keys: ['left'], modes: ['pod'], intent: 'left', help: 'previous pod in the row'},
	{keys: ['right'], modes: ['pod'], intent: 'right', help: 'next pod in the row'},
	{keys: ['tab', 'escape', c('q')], modes: ['pod'], intent: 'unfocus', help: 'leave the pod grid', hint: 'back'},
	action('p', 'promote', 'promote: resume a paused rollout / go to the next step', 'promote'),
	action('P', 'promote-full', 'promote-full: skip all remaining steps and analysis', 'full'),
	action('a', 'abort', 'abort: send traffic back to the stable revision', 'abort'),
	action('r', 'retry', 'retry an aborted rollout', 'retry'),
	action('u', 'undo', 'undo: roll back to a chosen revision', 'undo'),
	action('R', 'restart', 'restart: replace every pod', 'restart'),
	action('s', 'pause', 'pause (p resumes)', 'pause'),
	// Hand-made blue-green (Ingress switches). w: s is taken by pause, and "sWitch" reads; D and U are
	// capitals because they change capacity, like P and R, and keep d/u free (u is undo).
	manual('w', 'switch', 'Ingress switch: send the traffic to the idle side', 'switch'),
	manual('D', 'scale-down', 'Ingress switch: scale the idle Deployment to 0 (its count is kept)', 'scale↓'),
	manual('U', 'scale-up', 'Ingress switch: scale the idle Deployment back up to its kept count', 'scale↑'),
	{keys: [c('?')], modes: VIEWING, intent: 'help', help: 'show / hide this help', hint: 'help'},
	{keys: [c('q')], modes: ['list'], intent: 'quit', help: 'quit', hint: 'quit'},
	{keys: [c('?'), 'escape', 'enter', c('q')], modes: ['help'], intent: 'closeHelp', help: 'close the help'},
	{keys: [c('y'), c('Y'), 'enter'], modes: ['confirm'], intent: 'confirm', help: 'confirm', hint: 'confirm'},
	{keys: [c('n'), c('N'), 'escape', c('q')], modes: ['confirm'], intent: 'cancel', help: 'cancel: nothing is changed', hint: 'cancel'},
	{keys: ['enter'], modes: ['picker'], intent: 'pick', help: 'roll back to the chosen revision', hint: 'pick'},
	{keys: ['escape', c('q')], modes: ['picker'], intent: 'cancel', help: 'cancel', hint: 'cancel'},
	{keys: ['enter'], modes: ['filter'], intent: 'keepFilter', help: 'keep the filter', hint: 'keep'},
	{keys: ['escape'], modes: ['filter'], intent: 'clearFilter', help: 'clear the filter', hint: 'clear'},
	{keys: ['backspace'], modes: ['filter'], intent: 'deleteChar', help: 'delete the last character'},
	{keys: ['ctrl-c'], modes: ['list', 'detail', 'analysis', 'pod', 'help', 'confirm', 'picker', 'filter'], intent: 'quit', help: 'quit'},
];

const sameKey = (a: KeyName, b: KeyName): boolean =>
	typeof a === 'string' || typeof b === 'string' ? a === b : a.char === b.char;

/** The binding a key press triggers in a mode, if any. */
export function bindingFor(mode: Mode, key: KeyName, flashShown: boolean): KeyBinding | undefined {
	return KEY_BINDINGS.find(
		b => b.modes.includes(mode) && (!b.whenFlash || flashShown) && b.keys.some(k => sameKey(k, key)),
	);
}

/** The bindings of a mode, as the help and the footer list them (mutating ones dropped when read-only). */
export function bindingsFor(mode: Mode, readonly: boolean): KeyBinding[] {
	return KEY_BINDINGS.filter(b => b.modes.includes(mode) && !(readonly && typeof b.intent === 'object'));
}

export const isAction = (b: KeyBinding): b is KeyBinding & {intent: {action: ActionName}} => typeof b.intent === 'object' && 'action' in b.intent;

export const isManual = (b: KeyBinding): b is KeyBinding & {intent: {manual: ManualAction}} => typeof b.intent === 'object' && 'manual' in b.intent;

const SPECIAL_LABELS: Record<Exclude<KeyName, {char: string}>, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'Enter',
	escape: 'Esc',
	backspace: 'Backspace',
	'ctrl-b': 'Ctrl-B',
	'ctrl-f': 'Ctrl-F',
	'ctrl-c': 'Ctrl-C',
	tab: 'Tab',
};

export const keyLabel = (key: KeyName): string => (typeof key === 'string' ? SPECIAL_LABELS[key] : key.char);

/** The footer's short form: the binding's first key (Enter as ↵). */
export function footerKeys(b: KeyBinding): string {
	const [first] = b.keys;
	return first === 'enter' ? '↵' : first ? keyLabel(first) : '';
}

const ALL_MODES: readonly Mode[] = ['list', 'detail', 'analysis', 'pod', 'help', 'confirm', 'picker', 'filter'];

/** `--help`'s key section, from the same table the UI reads: each binding once, with where it applies. */
export function keysHelpText(): string {
	return KEY_BINDINGS.map(b => {
		const where = ALL_MODES.every(m => b.modes.includes(m)) ? 'everywhere' : b.modes.join(', ');
		return `    ${b.keys.map(keyLabel).join(' ').padEnd(16)}${b.help} (${where})`;
	}).join('\n');
}
