// The revision tree (model/tree.ts) as styled lines in aligned
// NAME KIND STATUS AGE INFO columns, like `kubectl argo rollouts get rollout`.
import {TREE_GLYPHS, iconGlyph} from '../terminal/theme.js';
import {revisionTree, type TreeRow} from '../model/tree.js';
import type {RolloutView} from '../model/view.js';
import {fit, seg, textWidth, type Line, type Segment} from './lines.js';
import {iconColor, statusSegment, tagColor} from './theme.js';

const nameColor = (hint: string | null) => (hint === 'progressing' ? 'blue' : hint ? tagColor(hint) : undefined);

function infoSegments(row: TreeRow): Segment[] {
	return row.info.flatMap((piece, i): Segment[] => [
		...(i > 0 ? [seg(',')] : []),
		piece.icon
			? seg(`${iconGlyph(piece.icon)} ${piece.text}`, {color: iconColor(piece.icon)})
			: seg(piece.text, {color: piece.tag ? tagColor(piece.tag) : undefined}),
	]);
}

// Columns whose content changes during a rollout start at the width of their
// common widest value, so a pod turning "Progressing" or an age reaching
// "100s" does not move every column after it (and rewrite the whole tree).
const MIN_KIND = 'ReplicaSet'.length;
const MIN_STATUS = 'x Progressing'.length;
const MIN_AGE = '9m59s'.length;

export function treeLines(view: RolloutView, now: number): Line[] {
	const rows = revisionTree(view, now);
	const columnWidth = (cell: (r: TreeRow) => string, min = 0) => Math.max(min, ...rows.map(r => textWidth(cell(r)))) + 2;
	const nameW = columnWidth(r => `${r.prefix}${TREE_GLYPHS[r.node]} ${r.name}`);
	const kindW = columnWidth(r => r.kind, MIN_KIND);
	const statusW = columnWidth(r => (r.icon ? `x ${r.status}` : ''), MIN_STATUS);
	const ageW = columnWidth(r => r.age, MIN_AGE);
	const header = fit('NAME', nameW) + fit('KIND', kindW) + fit('STATUS', statusW) + fit('AGE', ageW) + 'INFO';
	return [
		[seg('REVISIONS', {bold: true})],
		[seg(header, {dim: true})],
		...rows.map((r): Line => {
			const status = r.icon ? statusSegment(r.icon, r.status) : seg('');
			return [
				seg(r.prefix, {dim: true}),
				seg(fit(`${TREE_GLYPHS[r.node]} ${r.name}`, nameW - textWidth(r.prefix)), {color: nameColor(r.nameHint)}),
				seg(fit(r.kind, kindW)),
				{...status, text: fit(status.text, statusW)},
				seg(fit(r.age, ageW)),
				...infoSegments(r),
			];
		}),
	];
}
