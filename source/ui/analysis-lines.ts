// The analysis panel of the detail view and the full view of one run:
// each run with its kind, phase and message; per metric its provider,
// conditions, limits and counters, then its latest measurements (value,
// phase, age, message). Failed metrics come first (the model orders them).
import {age} from '../model/duration.js';
import {analysisIcon} from '../model/icons.js';
import {metricLimits, rolloutRuns, runKindText, type RunEntry} from '../model/analysis-view.js';
import type {MetricView, RolloutView} from '../model/view.js';
import {seg, type Line} from './lines.js';
import {statusSegment} from './theme.js';

/** Measurements shown per metric in the panel; the full view shows every one the controller kept. */
export const PANEL_MEASUREMENTS = 3;

function counters(m: MetricView): Line {
	const pieces: Array<[number, 'ok' | 'bad' | 'unknown' | 'warning']> = [
		[m.successful, 'ok'],
		[m.failed, 'bad'],
		[m.inconclusive, 'unknown'],
		[m.error, 'warning'],
	];
	return pieces.filter(([n]) => n > 0).flatMap(([n, icon]) => [seg(' '), statusSegment(icon, String(n))]);
}

function metricLines(m: MetricView, now: number, limit: number): Line[] {
	const head: Line = [seg('   '), statusSegment(analysisIcon(m.phase), m.name), seg(`  ${m.provider || '?'}`, {dim: true}), ...counters(m)];
	const limits = metricLimits(m);
	if (limits) head.push(seg(`  ${limits}`, {dim: true}));
	const lines: Line[] = [head];
	const conditions: Line = [seg('     ')];
	if (m.successCondition) conditions.push(seg('success ', {dim: true}), seg(m.successCondition), seg('  '));
	if (m.failureCondition) conditions.push(seg('failure ', {dim: true}), seg(m.failureCondition));
	if (conditions.length > 1) lines.push(conditions);
	if (m.message) lines.push([seg('     '), seg(m.message, {color: m.phase === 'Successful' ? undefined : 'red'})]);
	const shown = m.measurements.slice(-limit).reverse();
	for (const x of shown) {
		const when = x.finishedAt ?? x.startedAt;
		const line: Line = [seg('     '), statusSegment(analysisIcon(x.phase), x.phase || 'Pending'), seg('  '), seg(x.value === '' ? '-' : x.value, {bold: true})];
		if (when) line.push(seg(`  ${age(when, now)} ago`, {dim: true}));
		if (x.message) line.push(seg(`  ${x.message}`, {color: 'red'}));
		lines.push(line);
	}
	const hidden = m.measurements.length - shown.length;
	if (hidden > 0) lines.push([seg(`     … ${hidden} earlier measurement${hidden === 1 ? '' : 's'}`, {dim: true})]);
	return lines;
}

/** One run's heading line: kind, name, phase, revision, message; `selected` marks the cursor. */
function runHead(entry: RunEntry, selected: boolean): Line {
	const {run} = entry;
	const line: Line = [
		seg(selected ? '›' : ' ', {bold: true}),
		seg(`${runKindText(entry)} `, {bold: true}),
		seg(`${run.name}  `),
		statusSegment(run.icon, run.status || 'Pending'),
		seg(`  rev ${entry.revision}`, {dim: true}),
	];
	if (run.message) line.push(seg(`  ${run.message}`, {color: run.status === 'Successful' ? undefined : 'red'}));
	return selected ? line.map((s) => ({...s, inverse: true})) : line;
}

/**
 * The detail view's panel: runs of the current revision with their metrics,
 * older ones as one line each. `selected` is the run under the cursor.
 */
export function analysisLines(view: RolloutView, now: number, selected: string | null = null): Line[] {
	const runs = rolloutRuns(view);
	if (runs.length === 0) return [];
	const current = view.currentRevision ?? runs[0]!.revision;
	const lines: Line[] = [[seg('ANALYSIS', {bold: true}), seg(`  ${runs.length} run${runs.length === 1 ? '' : 's'}`, {dim: true})]];
	for (const entry of runs) {
		lines.push(runHead(entry, entry.run.name === selected));
		if (entry.revision === current) for (const m of entry.run.metrics) lines.push(...metricLines(m, now, PANEL_MEASUREMENTS));
	}
	return lines;
}

/** The full view of one run: every metric with every measurement; null when the run is gone. */
export function analysisRunLines(view: RolloutView, name: string, now: number): Line[] | null {
	const entry = rolloutRuns(view).find((e) => e.run.name === name);
	if (entry === undefined) return null;
	const {run} = entry;
	const lines: Line[] = [
		[seg('ANALYSIS RUN ', {bold: true}), seg(run.name, {bold: true}), seg(`  of ${view.name}`, {dim: true})],
		[seg(' kind ', {dim: true}), seg(runKindText(entry)), seg('   status ', {dim: true}), statusSegment(run.icon, run.status || 'Pending'), seg('   revision ', {dim: true}), seg(String(entry.revision))],
	];
	if (run.createdAt) lines.push([seg(' created ', {dim: true}), seg(`${age(run.createdAt, now)} ago`)]);
	if (run.message) lines.push([seg(' message ', {dim: true}), seg(run.message, {color: run.status === 'Successful' ? undefined : 'red'})]);
	lines.push([]);
	if (run.metrics.length === 0) lines.push([seg(' no metrics', {dim: true})]);
	for (const m of run.metrics) lines.push(...metricLines(m, now, Number.POSITIVE_INFINITY), []);
	return lines;
}
