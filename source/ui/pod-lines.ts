// The pod panel, under the grid while a pod has the focus (Tab): where the
// pod runs, its STATUS, each container's state and how its previous run
// ended, and the pod's own events. Pure: view + time in, lines out.
import {age} from '../model/duration.js';
import {eventsOf} from '../model/events.js';
import type {ContainerView, PodDetailView, TerminationView} from '../model/pod-detail.js';
import type {EventView} from '../model/view.js';
import {eventsLines} from './events-lines.js';
import {seg, type Line} from './lines.js';
import {POD_CELLS} from './theme.js';

const since = (at: string | null, now: number) => (at ? age(at, now) : '?');

/** "Error, exit 137 (signal 9), 2m ago: message". */
function terminationText(t: TerminationView, now: number): string {
	const parts = [t.reason || 'terminated', `exit ${t.exitCode}`];
	if (t.signal) parts.push(`signal ${t.signal}`);
	const when = t.finishedAt ? ` ${age(t.finishedAt, now)} ago` : '';
	return `${parts.join(', ')}${when}${t.message ? `: ${oneLine(t.message)}` : ''}`;
}

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

function containerLines(c: ContainerView, now: number): Line[] {
	const ok = c.ready && c.state === 'running';
	const state = c.state === 'running' ? `running ${since(c.since, now)}` : c.reason ? `${c.state}: ${c.reason}` : c.state;
	const head: Line = [
		seg('  '),
		seg(ok ? '✔' : '✖', {color: ok ? 'green' : 'red'}),
		seg(` ${c.name}`, {bold: true}),
		seg(c.role === 'main' ? '' : ` (${c.role})`, {dim: true}),
		seg(`  ${state}`, {color: ok ? undefined : 'yellow'}),
		seg(`  restarts ${c.restarts}`, {dim: c.restarts === 0, color: c.restarts > 0 ? 'yellow' : undefined}),
	];
	const lines: Line[] = [head];
	if (c.message && c.state !== 'terminated') lines.push([seg('     '), seg(oneLine(c.message), {dim: true})]);
	if (c.current) lines.push([seg('     ended  ', {dim: true}), seg(terminationText(c.current, now))]);
	if (c.last) lines.push([seg('     last   ', {dim: true}), seg(terminationText(c.last, now), {color: 'red'})]);
	return lines;
}

export function podPanelLines(pod: PodDetailView | null, focusedName: string, events: readonly EventView[], now: number): Line[] {
	if (pod === null) return [[seg(`pod ${focusedName} is gone`, {color: 'yellow'})]];
	const cell = POD_CELLS[pod.state];
	const lines: Line[] = [
		[seg('POD ', {bold: true}), seg(pod.name, {bold: true}), seg('  '), seg(`${cell.glyph} ${pod.status}`, {color: cell.color}), seg(`  ${pod.ready} ready`)],
		[
			seg(' phase ', {dim: true}),
			seg(pod.phase || '?'),
			...(pod.reason ? [seg('  reason ', {dim: true}), seg(pod.reason, {color: 'yellow'})] : []),
			seg('  restarts ', {dim: true}),
			seg(String(pod.restarts), {color: pod.restarts > 0 ? 'yellow' : undefined}),
		],
		[seg(' node ', {dim: true}), seg(pod.node || '(not scheduled)'), seg('  ip ', {dim: true}), seg(pod.ip || '-')],
		[seg(' started ', {dim: true}), seg(pod.startedAt ? `${age(pod.startedAt, now)} ago (${pod.startedAt})` : '-')],
	];
	if (pod.message) lines.push([seg(' message ', {dim: true}), seg(oneLine(pod.message))]);
	lines.push([seg('CONTAINERS', {bold: true})]);
	if (pod.containers.length === 0) lines.push([seg('  no container status yet', {dim: true})]);
	for (const c of pod.containers) lines.push(...containerLines(c, now));
	return [...lines, ...eventsLines(eventsOf(events, 'Pod', pod.name), now, 'POD EVENTS')];
}
