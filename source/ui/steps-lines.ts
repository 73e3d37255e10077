// The canary's steps panel: every step in order, done / current / pending
// by glyph and word (so it reads without colour), the current one with
// what it is doing now and its countdown.
import {remainingText} from '../model/countdowns.js';
import type {RolloutView, StepState, StepView} from '../model/view.js';
import {fit, seg, type Color, type Line} from './lines.js';
import {statusSegment} from './theme.js';
import {analysisIcon} from '../model/icons.js';

const MARK: Record<StepState, {glyph: string; color: Color | undefined; word: string}> = {
	done: {glyph: '✔', color: 'green', word: 'done'},
	current: {glyph: '▶', color: 'yellow', word: 'current'},
	pending: {glyph: '·', color: undefined, word: 'pending'},
};

function liveSegments(step: StepView, now: number): Line {
	const live = step.live;
	if (live === null) return [];
	const out: Line = [seg('  ')];
	if (live.resumesAt !== null) {
		const left = Date.parse(live.resumesAt) - now;
		out.push(seg(left > 0 ? `resumes in ${remainingText(left)}` : 'resuming', {bold: true, color: 'yellow'}));
		return out;
	}
	if (live.run !== null && live.run.name !== '') {
		out.push(seg(`${live.run.name} `), statusSegment(analysisIcon(live.run.status), live.run.status || 'Pending'));
		if (live.run.message) out.push(seg(` ${live.run.message}`, {dim: true}));
		return out;
	}
	out.push(seg(live.text, {color: 'yellow'}));
	return out;
}

export function stepsLines(view: RolloutView, now: number): Line[] {
	const steps = view.steps;
	if (steps === null || steps.length === 0) return [];
	const done = steps.filter((s) => s.state === 'done').length;
	const textWidth = Math.min(40, Math.max(...steps.map((s) => s.text.length)) + 2);
	const numberWidth = String(steps.length).length + 1;
	const head: Line = [seg('STEPS', {bold: true}), seg(`  ${done}/${steps.length} done`, {dim: true})];
	if (view.aborted) head.push(seg('  aborted: no step runs', {color: 'red'}));
	const lines: Line[] = [head];
	for (const step of steps) {
		const mark = MARK[step.state];
		lines.push([
			seg(' '),
			seg(mark.glyph, {color: mark.color, bold: step.state === 'current'}),
			seg(` ${String(step.index + 1).padStart(numberWidth - 1)} `, {dim: true}),
			seg(fit(step.text, textWidth), {bold: step.state === 'current', dim: step.state === 'pending'}),
			seg(fit(mark.word, 8), {color: mark.color, dim: step.state !== 'current'}),
			...liveSegments(step, now),
		]);
	}
	return lines;
}
