// Lines for the modal layers: help, confirmation, undo revision picker.
import type {ActionPlan, DiffLine} from '../actions/plan.js';
import type {ManualPlan} from '../actions/manual-plan.js';
import {bindingsFor, keyLabel, type KeyBinding, type Mode} from './keymap.js';
import {fit, seg, wrapText, type Line} from './lines.js';
import type {RevisionChoice, Screen} from './state.js';

const MODE_TITLES: Partial<Record<Mode, string>> = {filter: 'While filtering (/):', pod: 'With a pod focused (Tab):'};

const keysOf = (b: KeyBinding) => b.keys.map(keyLabel).join(' ');

const SCREEN_TITLES: Record<Screen, string> = {list: 'rollout list', detail: 'rollout detail', analysis: 'analysis run'};

/** The help of a screen, and of the filter it can open, from the key table. */
export function helpLines(screen: Screen, readonly: boolean): Line[] {
	const modes: Mode[] = screen === 'list' ? ['list', 'filter', 'help'] : screen === 'detail' ? ['detail', 'pod', 'help'] : [screen, 'help'];
	const bindings = modes.flatMap(mode => bindingsFor(mode, readonly).map(b => ({mode, b})));
	const keyWidth = Math.max(...bindings.map(({b}) => keysOf(b).length)) + 3;
	const lines: Line[] = [
		[seg(`HELP — ${SCREEN_TITLES[screen]}`, {bold: true}), seg('   (? or Esc closes)', {dim: true})],
	];
	for (const mode of modes) {
		if (mode !== screen) lines.push([], [seg(`  ${MODE_TITLES[mode] ?? 'In this help:'}`, {dim: true})]);
		else lines.push([]);
		for (const {b} of bindings.filter(x => x.mode === mode)) lines.push([seg('  '), seg(fit(keysOf(b), keyWidth), {bold: true}), seg(b.help)]);
	}
	if (readonly) lines.push([], [seg('  Read-only: promote, abort, retry, undo, restart and pause are disabled.', {color: 'yellow'})]);
	lines.push(
		[],
		[seg('  Pods: ', {dim: true}), seg('● ready  ○ running, not ready  ◌ starting  ✖ failed  ⊘ terminating  ? unknown')],
		[seg('  Roles: ', {dim: true}), seg('ACTIVE gets live traffic, PREVIEW is the candidate, STABLE is the fallback')],
	);
	return lines;
}

function diffLines(diff: DiffLine[]): Line[] {
	if (diff.length === 0) return [];
	return [
		[seg('  pod template changes (current → target):', {dim: true})],
		...diff.map((d): Line =>
			d.kind === 'same'
				? [seg(`    ${d.text}`, {dim: true})]
				: [seg(`  ${d.kind === 'added' ? '+' : '-'} ${d.text}`, {color: d.kind === 'added' ? 'green' : 'red'})],
		),
	];
}

export function confirmLines(plan: ActionPlan | ManualPlan, width: number, diff: DiffLine[] = []): Line[] {
	// The question is the whole point of the dialog: wrap it, never cut it.
	const [first = '', ...rest] = wrapText(plan.summary, Math.max(10, width - 10));
	return [
		[seg(' CONFIRM ', {inverse: true, bold: true}), seg(' '), seg(first, {bold: true})],
		...rest.map((text): Line => [seg(' '.repeat(10)), seg(text, {bold: true})]),
		...diffLines(diff),
		hintLine('confirm'),
	];
}

export function pickerLines(name: string, choices: RevisionChoice[], index: number, diff: DiffLine[] = []): Line[] {
	return [
		[seg(' UNDO ', {inverse: true, bold: true}), seg(` roll ${name} back to which revision?`, {bold: true})],
		...choices.map((c, i): Line => (i === index ? [seg(`› ${c.label}`, {inverse: true})] : [seg(`  ${c.label}`)])),
		...diffLines(diff),
		hintLine('picker'),
	];
}

/** `y/Y/Enter confirm  n/N/Esc/q cancel`-style hints of a modal's bindings. */
export function hintLine(mode: Mode): Line {
	return bindingsFor(mode, false).flatMap((b): Line => (b.hint ? [seg(`  ${keysOf(b).replace(/ /g, '/')}`, {bold: true}), seg(` ${b.hint}`)] : []));
}
