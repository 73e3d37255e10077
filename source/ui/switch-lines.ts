// Ingress switches (hand-made blue-green) on screen: their rows in the list
// and the two-lane detail view, LIVE (host -> Ingress -> Service ->
// Deployment -> pods) above IDLE (Service -> Deployment -> pods). Pure.
import {switchKey} from '../actions/switch-targets.js';
import {entryText} from '../actions/manual-plan.js';
import {readyText, type IngressSwitch, type SwitchSide} from '../model/ingress-switch.js';
import {fit, padLine, seg, type Line} from './lines.js';
import {POD_CELLS} from './theme.js';

const LANE = 6;

/** The list's switch section: a header and one row per switch (KIND, NAME, HOST, LIVE, READY). */
export function switchListLines(switches: readonly IngressSwitch[], selected: string | null, width: number): Line[] {
	if (switches.length === 0) return [];
	const name = Math.min(30, Math.max(...switches.map((s) => s.ingress.length)) + 2);
	const host = Math.min(30, Math.max(...switches.map((s) => entryText(s).length)) + 2);
	const header: Line = [seg('  '), seg(`${fit('KIND', 9)}${fit('NAME', name)}${fit('HOST', host)}${fit('LIVE', 16)}READY`, {dim: true})];
	const rows = switches.map((sw): Line => {
		const isSelected = switchKey(sw) === selected;
		const warn = sw.warnings.length > 0;
		const line: Line = [
			seg(isSelected ? '›' : ' ', {bold: true}),
			seg(warn ? '!' : ' ', {bold: true, color: 'yellow'}),
			seg(fit('Ingress', 9)),
			seg(fit(sw.ingress, name), {bold: warn}),
			seg(fit(entryText(sw), host)),
			seg(fit(sw.live.deployment, 16), {color: 'green'}),
			seg(readyText(sw.live), {color: sw.live.servedReady === 0 ? 'red' : undefined}),
		];
		return isSelected ? padLine(line, width).map((s) => ({...s, inverse: true})) : line;
	});
	return [header, ...rows];
}

function podCells(side: SwitchSide, room: number): Line {
	const shown = side.pods.length > room ? side.pods.slice(0, Math.max(0, room - 4)) : side.pods;
	const cells: Line = shown.map((pod) => seg(POD_CELLS[pod.state].glyph, {color: POD_CELLS[pod.state].color}));
	if (shown.length < side.pods.length) cells.push(seg(` +${side.pods.length - shown.length}`));
	if (side.pods.length === 0) cells.push(seg('·', {dim: true}));
	return cells;
}

/** The hops joined by arrows, wrapped before an arrow when the line would be wider than `room`. */
function routeLines(hops: string[], room: number): string[] {
	const lines: string[] = [];
	for (const hop of hops) {
		const last = lines.length - 1;
		const joined = last >= 0 ? `${lines[last]} → ${hop}` : hop;
		if (last < 0) lines.push(hop);
		else if (joined.length <= room) lines[last] = joined;
		else lines.push(`→ ${hop}`);
	}
	return lines;
}

/** One lane: the route to the pods, then ready/desired, pod cells and images. */
function laneLines(role: 'LIVE' | 'IDLE', sw: IngressSwitch, side: SwitchSide, width: number): Line[] {
	const color = role === 'LIVE' ? 'green' : 'blue';
	const hops = role === 'LIVE' ? [entryText(sw), sw.ingress, side.service, side.deployment] : [side.service, side.deployment];
	const down = side.scaledDownFrom !== null ? `  scaled down from ${side.scaledDownFrom}` : '';
	return [
		...routeLines(hops, width - LANE).map((text, i): Line => [seg(i === 0 ? fit(role, LANE) : ' '.repeat(LANE), {bold: true, color}), seg(text, {bold: true})]),
		[seg(' '.repeat(LANE)), seg(`${readyText(side)} ready  `, {bold: true}), ...podCells(side, Math.max(4, width - LANE - 14)), seg(down, {dim: true})],
		...(side.images.length > 0 ? [[seg(' '.repeat(LANE)), seg(side.images.join(', '), {dim: true})]] : []),
	];
}

/** The detail screen of one switch: title, warnings, the LIVE lane, the IDLE lanes, the legend. */
export function switchDetailLines(sw: IngressSwitch, width: number): Line[] {
	const lines: Line[] = [
		[seg(sw.ingress, {bold: true}), seg('  Ingress switch', {dim: true}), seg(sw.found === 'override' ? ' (declared in --switches)' : '')],
		[seg(fit('Namespace', 11), {dim: true}), seg(sw.namespace), seg('   Host ', {dim: true}), seg(entryText(sw))],
	];
	for (const w of sw.warnings) lines.push([seg(`⚠ ${w}`, {color: 'yellow'})]);
	lines.push([], ...laneLines('LIVE', sw, sw.live, width));
	for (const side of sw.idle) lines.push([], ...laneLines('IDLE', sw, side, width));
	const legend: Line = [seg('PODS', {bold: true}), seg('   ')];
	for (const cell of Object.values(POD_CELLS)) legend.push(seg(cell.glyph, {color: cell.color}), seg(` ${cell.label}  `, {dim: true}));
	lines.push([], legend);
	return lines;
}
