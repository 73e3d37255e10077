// Plain-text output in the shape of `kubectl argo rollouts get rollout`:
// a header block, our Services block, then the revision tree with aligned
// NAME KIND STATUS AGE INFO columns.

import {age} from '../model/duration.js';
import {ICON_COLORS, TAG_COLORS, TREE_GLYPHS, iconGlyph, type Color} from '../terminal/theme.js';
import {formatImage} from '../model/images.js';
import {revisionTree} from '../model/tree.js';
import type {IconName, RolloutView, ServiceRef} from '../model/view.js';
import {sanitizeDeep} from '../terminal/sanitize.js';

export interface TextOptions {
	color: boolean;
}

/** The theme's colours as the plugin's ANSI codes (its blue is the bright one). */
const ANSI: Readonly<Record<Color, number>> = {red: 31, green: 32, yellow: 33, blue: 94, magenta: 35, cyan: 36, gray: 90};
const LABEL_WIDTH = 17;
const COLUMN_GAP = 2;

type Paint = (s: string, color: Color | undefined) => string;

const painter = (enabled: boolean): Paint => (s, color) => (enabled && color ? `\x1b[${ANSI[color]}m${s}\x1b[0m` : s);

/** Width as the plugin's tabwriter counts it: code points, escapes excluded. */
const visibleWidth = (s: string): number => [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;

const field = (label: string, value: string | number): string => `${label.padEnd(LABEL_WIDTH)}${value}`.trimEnd();

export function renderText(views: readonly RolloutView[], now: number, opts: TextOptions): string {
	if (views.length === 0) return '';
	const paint = painter(opts.color);
	// The terminal edge of text output: every string of the view is sanitised before layout.
	return `${views.map(sanitizeDeep).map((v) => [...header(v, paint), ...servicesBlock(v), '', ...tree(v, now, paint)].join('\n')).join('\n\n')}\n`;
}

function header(v: RolloutView, paint: Paint): string[] {
	const icon = (i: IconName) => paint(iconGlyph(i), ICON_COLORS[i]);
	const lines = [field('Name:', v.name), field('Namespace:', v.namespace), field('Status:', `${icon(v.icon)} ${v.status}`)];
	if (v.message !== '') lines.push(field('Message:', v.message));
	lines.push(field('Strategy:', v.strategy));
	if (v.strategy === 'Canary') {
		lines.push(field('  Step:', v.step ?? ''));
		lines.push(field('  SetWeight:', v.setWeight ?? ''));
		lines.push(field('  ActualWeight:', v.actualWeight ?? ''));
	}
	v.images.forEach((img, i) => {
		lines.push(field(i === 0 ? 'Images:' : '', formatImage(img, (t) => paint(t, TAG_COLORS[t]))));
	});
	lines.push('Replicas:');
	lines.push(field('  Desired:', v.replicas.desired));
	lines.push(field('  Current:', v.replicas.current));
	lines.push(field('  Updated:', v.replicas.updated));
	lines.push(field('  Ready:', v.replicas.ready));
	lines.push(field('  Available:', v.replicas.available));
	return lines;
}

/** Our addition: which revision each Service really selects, and who reaches it. */
function servicesBlock(v: RolloutView): string[] {
	const refs: Array<[string, ServiceRef | null | undefined]> = [
		['  Active:', v.services.active],
		['  Preview:', v.services.preview],
		['  Stable:', v.services.stable],
		['  Canary:', v.services.canary],
	];
	const lines = refs.flatMap(([label, ref]) => (ref == null ? [] : [field(label, describeService(ref))]));
	return lines.length === 0 ? [] : ['Services:', ...lines];
}

export function describeService(ref: ServiceRef): string {
	let text: string;
	if (!ref.exists) text = `${ref.name} (not found)`;
	else if (ref.hash === null) text = `${ref.name} -> (no pod-template-hash)`;
	else if (ref.revision === null) text = `${ref.name} -> ${ref.hash} -> (no ReplicaSet)`;
	else text = `${ref.name} -> ${ref.hash} -> revision:${ref.revision}`;
	if (ref.hosts.length > 0) text += ` (${ref.hosts.length === 1 ? 'host' : 'hosts'}: ${ref.hosts.join(', ')})`;
	return text;
}

type Row = [name: string, kind: string, status: string, age: string, info: string];

function tree(v: RolloutView, now: number, paint: Paint): string[] {
	const icon = (i: IconName) => paint(iconGlyph(i), ICON_COLORS[i]);
	const nameColor = (hint: string | null): Color | undefined => (hint === 'progressing' ? 'blue' : hint ? TAG_COLORS[hint] : undefined);
	const rows: Row[] = [['NAME', 'KIND', 'STATUS', 'AGE', 'INFO']];
	for (const r of revisionTree(v, now)) {
		const info = r.info.map(p => (p.icon ? `${icon(p.icon)} ${p.text}` : p.tag ? paint(p.text, TAG_COLORS[p.tag]) : p.text));
		rows.push([
			`${r.prefix}${TREE_GLYPHS[r.node]} ${paint(r.name, nameColor(r.nameHint))}`,
			r.kind,
			r.icon ? `${icon(r.icon)} ${r.status}` : '',
			r.age,
			info.join(','),
		]);
	}
	return alignColumns(rows);
}

/** Pad every column but the last to its widest cell plus a two-space gap. */
function alignColumns(rows: readonly Row[]): string[] {
	const widths = [0, 0, 0, 0];
	for (const row of rows) for (let i = 0; i < 4; i++) widths[i] = Math.max(widths[i] ?? 0, visibleWidth(row[i] ?? ''));
	return rows.map((row) =>
		row
			.map((cell, i) => (i < 4 ? cell + ' '.repeat((widths[i] ?? 0) + COLUMN_GAP - visibleWidth(cell)) : cell))
			.join('')
			.trimEnd(),
	);
}
