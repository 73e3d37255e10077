// The detail screen of one rollout, as styled lines: header, traffic
// (Service -> hash -> revision), the blue/green pod grid, and the revision
// tree. Pure: view + time + width in, lines out.
import {age} from '../model/duration.js';
import {scaleDownDelay} from '../model/replicaset.js';
import type {PodView, ReplicaSetView, RolloutView, ServiceRef} from '../model/view.js';
import {eventsLines} from './events-lines.js';
import {fit, seg, type Line} from './lines.js';
import {POD_CELLS, ROLE_ORDER, roleColor, roleOf, statusSegment, tagColor} from './theme.js';
import {treeLines} from './tree-lines.js';
import {analysisLines} from './analysis-lines.js';
import {timerSegments} from './countdown-lines.js';
import {stepsLines} from './steps-lines.js';
import {weightsLines} from './weights-lines.js';

const LABEL = 11;
const label = (text: string): Line[number] => seg(fit(text, LABEL), {dim: true});

export function headerLines(view: RolloutView, now: number): Line[] {
	const lines: Line[] = [];
	const status: Line = [seg(view.name, {bold: true}), seg('  '), statusSegment(view.icon, view.status)];
	if (view.message) status.push(seg(` — ${view.message}`));
	if (view.stage) status.push(seg(` (${view.stage})`, {color: 'yellow'}));
	lines.push(status);
	const timers = timerSegments(view, now);
	if (timers.length > 0) lines.push([label('Timers'), ...timers]);
	const facts: Line = [label('Namespace'), seg(view.namespace), seg('   Strategy ', {dim: true}), seg(view.strategy)];
	if (view.currentRevision !== null) facts.push(seg('   Revision ', {dim: true}), seg(String(view.currentRevision)));
	if (view.createdAt) facts.push(seg('   Age ', {dim: true}), seg(age(view.createdAt, now)));
	lines.push(facts);
	const ref = view.workloadRef;
	if (ref) {
		const line: Line = [label('Workload'), seg(`${ref.kind} ${ref.name}`)];
		if (ref.found === false) line.push(seg('  not found (or not readable)', {color: 'yellow'}));
		if (ref.images.length > 0) line.push(seg(`  template ${ref.images.join(', ')}`, {dim: true}));
		lines.push(line);
	}
	if (view.strategy === 'Canary') {
		lines.push([
			label('Step'),
			seg(view.step ?? '-'),
			seg('   SetWeight ', {dim: true}),
			seg(view.setWeight === null ? '-' : String(view.setWeight)),
			seg('   ActualWeight ', {dim: true}),
			seg(view.actualWeight === null ? '-' : String(view.actualWeight)),
		]);
	}
	view.images.forEach((image, i) => {
		const line: Line = [label(i === 0 ? 'Images' : ''), seg(image.image)];
		if (image.tags.length > 0) {
			line.push(seg(' ('));
			image.tags.forEach((tag, t) => line.push(seg(tag, {color: tagColor(tag)}), seg(t < image.tags.length - 1 ? ', ' : '')));
			line.push(seg(')'));
		}
		lines.push(line);
	});
	const r = view.replicas;
	lines.push([
		label('Replicas'),
		seg(`desired ${r.desired}  current ${r.current}  updated ${r.updated}  ready ${r.ready}  available ${r.available}`),
	]);
	return lines;
}

function serviceLine(role: string, ref: ServiceRef, nameWidth: number): Line {
	const line: Line = [seg(' '), seg(fit(role, 8), {bold: true, color: tagColor(role)}), seg(fit(ref.name, nameWidth))];
	if (!ref.exists) return [...line, seg(' ✖ Service not found', {color: 'red'})];
	if (!ref.hash) return [...line, seg(' ⚠ selector has no rollouts-pod-template-hash', {color: 'yellow'})];
	line.push(seg(' → '), seg(ref.hash));
	if (ref.revision !== null) line.push(seg(' → '), seg(`revision ${ref.revision}`, {bold: true, color: tagColor(role)}));
	else line.push(seg(' → no ReplicaSet of this rollout has that hash', {color: 'yellow'}));
	if (ref.hosts.length > 0) line.push(seg('   hosts ', {dim: true}), seg(ref.hosts.join(', ')));
	return line;
}

export function trafficLines(view: RolloutView): Line[] {
	const refs = Object.entries(view.services).filter((entry): entry is [string, ServiceRef] => Boolean(entry[1]));
	if (refs.length === 0) return [];
	const nameWidth = Math.max(...refs.map(([, ref]) => ref.name.length)) + 1;
	return [[seg('TRAFFIC', {bold: true})], ...refs.map(([role, ref]) => serviceLine(role, ref, nameWidth))];
}

/** A ReplicaSet is shown in the grid while it has pods, wants pods, or takes traffic. */
const isLive = (rs: ReplicaSetView) =>
	rs.pods.length > 0 || rs.desired > 0 || rs.tags.includes('active') || rs.tags.includes('preview');

export interface GridRow {
	rs: ReplicaSetView;
	/** The pods that get a cell; the rest are counted as "+N". */
	shown: PodView[];
}

/** The grid's rows in traffic order (the live lane first, then the candidate, then the rest, newest first), cut to `width`. */
export function gridRows(view: RolloutView, width: number): GridRow[] {
	const rank = (rs: ReplicaSetView) => ROLE_ORDER.indexOf(roleOf(rs.tags));
	const live = view.revisions
		.flatMap(rev => rev.replicaSets)
		.filter(isLive)
		.sort((a, b) => rank(a) - rank(b) || b.revision - a.revision);
	// An experiment's ReplicaSets follow, labelled by their template.
	live.push(...view.revisions.flatMap(rev => rev.experiments.flatMap(exp => exp.replicaSets ?? [])).filter(isLive));
	// Cells get what is left after the fixed columns; overflow becomes "+N".
	const room = Math.max(4, width - 18 - 10);
	return live.map(rs => ({rs, shown: rs.pods.length > room ? rs.pods.slice(0, room - 4) : rs.pods}));
}

/** The blue/green pod grid: one row per live revision, one cell per pod. */
export function podGridLines(view: RolloutView, now: number, width: number): Line[] {
	const legend: Line = [seg('PODS', {bold: true}), seg('   ')];
	for (const cell of Object.values(POD_CELLS)) legend.push(seg(cell.glyph, {color: cell.color}), seg(` ${cell.label}  `, {dim: true}));
	const rows = gridRows(view, width);
	if (rows.length === 0) return [legend, [seg(' no live pods', {dim: true})]];
	const lines: Line[] = [legend];
	for (const {rs, shown} of rows) {
		const role = rs.template === undefined ? roleOf(rs.tags) : `Σ ${rs.template}`;
		const color = roleColor(rs.tags);
		const ready = rs.pods.filter(p => p.state === 'ready').length;
		const head: Line = [
			seg(' '),
			seg(fit(role.toUpperCase(), 8), {bold: true, color}),
			seg(fit(`rev ${rs.revision}`, 8)),
		];
		const tail: Line = [seg(` ${ready}/${rs.desired}`, {bold: true})];
		if (rs.tags.length > 0) tail.push(seg(`  ${rs.tags.join(',')}`, {color}));
		// From the deadline, not the derived string: views are derived per change, this runs per tick.
		const delay = scaleDownDelay(rs.scaleDownDeadline, now);
		if (delay) tail.push(seg(`  ${delay}`, {dim: true}));
		if (rs.images.length > 0) tail.push(seg(`  ${rs.images.join(', ')}`, {dim: true}));
		const cells: Line = shown.map(pod => seg(POD_CELLS[pod.state].glyph, {color: POD_CELLS[pod.state].color}));
		if (shown.length < rs.pods.length) cells.push(seg(` +${rs.pods.length - shown.length}`));
		if (rs.pods.length === 0) cells.push(seg('·', {dim: true}));
		lines.push([...head, ...cells, ...tail]);
	}
	return lines;
}

/** The whole detail screen, sections separated by blank lines; `selectedRun` is the analysis run under the cursor. */
export function detailLines(view: RolloutView, now: number, width: number, selectedRun: string | null = null): Line[] {
	const sections = [
		headerLines(view, now),
		stepsLines(view, now),
		weightsLines(view, width),
		trafficLines(view),
		podGridLines(view, now, width),
		eventsLines(view.events, now),
		analysisLines(view, now, selectedRun),
		treeLines(view, now),
	];
	return sections.filter(s => s.length > 0).flatMap((section, i) => (i === 0 ? section : [[], ...section]));
}
