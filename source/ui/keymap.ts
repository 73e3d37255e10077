// Every key the UI knows, in one table: the dispatcher, the help overlay and
// the footer hints all read it, so they can never disagree.
import type {ActionName} from '../actions/plan.js';

export interface KeyBinding {
	keys: string[]; // as shown to the user
	description: string;
	where: 'list' | 'detail' | 'both' | 'anywhere';
	/** Set for mutating keys: hidden with --readonly. */
	action?: ActionName;
	/** Short footer label; bindings without one only appear in the help. */
	hint?: string;
}

export const ACTION_KEYS: Record<string, ActionName> = {
	p: 'promote',
	P: 'promote-full',
	a: 'abort',
	r: 'retry',
	u: 'undo',
	R: 'restart',
	s: 'pause',
};

export const KEY_BINDINGS: KeyBinding[] = [
	{keys: ['↑', 'k'], description: 'move up / scroll up', where: 'both'},
	{keys: ['↓', 'j'], description: 'move down / scroll down', where: 'both'},
	{keys: ['PgUp', 'PgDn'], description: 'page up / page down', where: 'both'},
	{keys: ['g', 'G'], description: 'go to top / bottom', where: 'both'},
	{keys: ['Enter'], description: 'open the selected rollout', where: 'list', hint: 'open'},
	{keys: ['/'], description: 'filter rollouts by name (Enter keeps, Esc clears)', where: 'list', hint: 'filter'},
	{keys: ['Esc', 'q'], description: 'back to the list', where: 'detail', hint: 'back'},
	{keys: ['p'], description: 'promote: resume a paused rollout / go to the next step', where: 'both', action: 'promote', hint: 'promote'},
	{keys: ['P'], description: 'promote-full: skip all remaining steps and analysis', where: 'both', action: 'promote-full', hint: 'full'},
	{keys: ['a'], description: 'abort: send traffic back to the stable revision', where: 'both', action: 'abort', hint: 'abort'},
	{keys: ['r'], description: 'retry an aborted rollout', where: 'both', action: 'retry', hint: 'retry'},
	{keys: ['u'], description: 'undo: roll back to a chosen revision', where: 'both', action: 'undo', hint: 'undo'},
	{keys: ['R'], description: 'restart: replace every pod', where: 'both', action: 'restart', hint: 'restart'},
	{keys: ['s'], description: 'pause (p resumes)', where: 'both', action: 'pause', hint: 'pause'},
	{keys: ['Esc'], description: 'dismiss the message line', where: 'anywhere'},
	{keys: ['?'], description: 'show / hide this help', where: 'anywhere', hint: 'help'},
	{keys: ['q'], description: 'quit (from the list)', where: 'list', hint: 'quit'},
	{keys: ['Ctrl-C'], description: 'quit', where: 'anywhere'},
];

export function bindingsFor(screen: 'list' | 'detail', readonly: boolean): KeyBinding[] {
	return KEY_BINDINGS.filter(
		b => (b.where === screen || b.where === 'both' || b.where === 'anywhere') && !(readonly && b.action),
	);
}
