// The traffic panel as lines: per Service a strip of one cell per answer
// (lettered and coloured by version, failures with their own glyph) and,
// beside it, the last 5 s: share per version, error rate, p50/p95. Problems
// the probe keeps meeting (RBAC denial, no endpoints) are said in words.
// Pure: samples and the clock come in, lines go out.
import {sanitize} from '../terminal/sanitize.js';
import {windowStats, type TrafficStats} from '../model/traffic-stats.js';
import type {ProbeSample} from '../model/traffic.js';
import {clipLine, seg, truncate, type Color, type Line} from './lines.js';

export interface TrafficStrip {
	/** ACTIVE, PREVIEW, LIVE, IDLE… */
	label: string;
	service: string;
	/** Oldest first. */
	samples: readonly ProbeSample[];
}

export interface TrafficPanel {
	/** Requests per second per Service. */
	rate: number;
	strips: readonly TrafficStrip[];
	now: number;
}

export const FAILURE_GLYPH = '✖';
export const UNEXPECTED_GLYPH = '?';

const NAMED_COLORS: readonly Color[] = ['green', 'blue', 'yellow', 'red', 'cyan', 'magenta'];
const SPARE_COLORS: readonly Color[] = ['cyan', 'magenta', 'yellow'];

/** One letter per version, distinct among `versions`: the first letter, else the next unused letter of the name, else a digit. */
export function versionLetters(versions: readonly string[]): Map<string, string> {
	const letters = new Map<string, string>();
	const used = new Set<string>();
	for (const version of [...new Set(versions)].sort()) {
		const candidates = [...version.toUpperCase()].filter((ch) => /[A-Z0-9]/.test(ch));
		const letter = candidates.find((ch) => !used.has(ch)) ?? [...'0123456789'].find((d) => !used.has(d)) ?? '*';
		used.add(letter);
		letters.set(version, letter);
	}
	return letters;
}

/** The demo's colours are themselves; other versions get spare colours in name order (the letter carries the meaning). */
export function versionColors(versions: readonly string[]): Map<string, Color> {
	const colors = new Map<string, Color>();
	let spare = 0;
	for (const version of [...new Set(versions)].sort()) {
		const named = NAMED_COLORS.find((color) => color === version.toLowerCase());
		colors.set(version, named ?? SPARE_COLORS[spare++ % SPARE_COLORS.length]!);
	}
	return colors;
}

function stripCells(samples: readonly ProbeSample[], width: number, letters: Map<string, string>, colors: Map<string, Color>): Line {
	const shown = samples.slice(Math.max(0, samples.length - width));
	const line: Line = [];
	for (const {outcome} of shown) {
		const cell =
			outcome.kind === 'answer'
				? seg(letters.get(outcome.version) ?? '*', {color: colors.get(outcome.version)})
				: outcome.error === 'unexpected'
					? seg(UNEXPECTED_GLYPH, {color: 'yellow'})
					: seg(FAILURE_GLYPH, {color: 'red'});
		// Merge runs of the same look into one segment: fewer segments, fewer escape codes per frame.
		const last = line[line.length - 1];
		if (last && last.color === cell.color && last.text.slice(-1) === cell.text) last.text += cell.text;
		else line.push(cell);
	}
	const padding = width - shown.length;
	if (padding > 0) line.push(seg('·'.repeat(padding), {dim: true}));
	return line;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function statsSegments(stats: TrafficStats, letters: Map<string, string>, colors: Map<string, Color>): Line {
	if (stats.requests === 0) return [seg('waiting for answers…', {dim: true})];
	const line: Line = [];
	for (const v of stats.versions) {
		line.push(seg(`${letters.get(v.version) ?? '*'} `, {color: colors.get(v.version), bold: true}), seg(`${sanitize(v.version, 24)} ${percent(v.share)}  `));
	}
	line.push(seg(`${FAILURE_GLYPH} ${percent(stats.errorRate)}`, stats.errors > 0 ? {color: 'red'} : {dim: true}));
	if (stats.latencyMs) line.push(seg(`  p50 ${stats.latencyMs.p50}ms p95 ${stats.latencyMs.p95}ms`, {dim: true}));
	return line;
}

/** The panel, each line at most `width` columns; the strip keeps a fixed width so the cells do not jump. */
export function trafficLines(panel: TrafficPanel, width: number): Line[] {
	const versions = panel.strips.flatMap((strip) => strip.samples.flatMap((s) => (s.outcome.kind === 'answer' ? [s.outcome.version] : [])));
	const letters = versionLetters(versions);
	const colors = versionColors(versions);
	const labelWidth = Math.max(7, ...panel.strips.map((strip) => strip.label.length));
	// Room beside the strip for two versions, the error rate and the latencies.
	const stripWidth = Math.max(10, Math.min(60, width - labelWidth - 2 - 52));
	const lines: Line[] = [
		[seg('Traffic', {bold: true}), seg(` through the API server's service proxy, ${panel.rate}/s per Service (+/- rate, t closes); last 5 s`, {dim: true})],
	];
	for (const strip of panel.strips) {
		const stats = windowStats(strip.samples, panel.now);
		lines.push([seg(strip.label.padEnd(labelWidth), {bold: true}), seg(' '), seg(truncate(sanitize(strip.service), width - labelWidth - 1), {dim: true})]);
		lines.push([seg(' '.repeat(labelWidth + 1)), ...stripCells(strip.samples, stripWidth, letters, colors), seg(' '), ...statsSegments(stats, letters, colors)]);
		if (stats.lastError) {
			lines.push([seg(' '.repeat(labelWidth + 1)), seg(`${FAILURE_GLYPH} ${truncate(sanitize(stats.lastError.detail, 400), width - labelWidth - 3)}`, {color: 'red'})]);
		}
	}
	return lines.map((line) => clipLine(line, width));
}
