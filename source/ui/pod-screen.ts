// The detail screen while a pod has the focus: the rollout's name line, a
// compact pod grid (role and cells only, so the cells fit a narrow terminal)
// with the focused cell inverse, and the pod panel under it. Pure.
import type {PodDetailView} from '../model/pod-detail.js';
import type {RolloutView} from '../model/view.js';
import {gridRows} from './detail-lines.js';
import {fit, seg, type Line} from './lines.js';
import {podPanelLines} from './pod-lines.js';
import {POD_CELLS, roleColor, roleOf, statusSegment} from './theme.js';

function compactGrid(view: RolloutView, focused: string, width: number): Line[] {
	// Narrow terminals get the role's initial (A active, P preview, C canary, S stable, O old).
	const narrow = width < 40;
	return gridRows(view, width).map(({rs, shown}) => {
		const color = roleColor(rs.tags);
		const cells = shown.map(pod => {
			const cell = POD_CELLS[pod.state];
			const isFocused = pod.name === focused;
			return seg(isFocused ? `[${cell.glyph}]` : cell.glyph, {color: cell.color, inverse: isFocused, bold: isFocused});
		});
		const more = rs.pods.length - shown.length;
		return [
			seg(' '),
			seg(narrow ? roleOf(rs.tags).charAt(0).toUpperCase() : fit(roleOf(rs.tags).toUpperCase(), 8), {bold: true, color}),
			seg(' '),
			...(cells.length ? cells : [seg('·', {dim: true})]),
			seg(more > 0 ? ` +${more}` : ''),
			seg(`  rev ${rs.revision}`, {dim: true}),
		];
	});
}

export function podFocusLines(view: RolloutView, focused: string, pod: PodDetailView | null, now: number, width: number): Line[] {
	const title: Line = [seg(view.name, {bold: true}), seg('  '), statusSegment(view.icon, view.status)];
	return [title, ...compactGrid(view, focused, width), [], ...podPanelLines(pod, focused, view.events, now)];
}
