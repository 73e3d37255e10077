// The revision tree as `kubectl argo rollouts get rollout` lays it out:
// revision -> ReplicaSets -> pods, experiments, analysis runs, in aligned
// NAME KIND STATUS AGE INFO columns.
import {age} from '../model/duration.js';
import {scaleDownDelay} from '../model/replicaset.js';
import type {IconName, RolloutView} from '../model/view.js';
import {fit, seg, type Color, type Line} from './lines.js';
import {roleColor, statusSegment} from './theme.js';
import stringWidth from 'string-width';

interface Row {
	prefix: string;
	name: string;
	nameColor?: Color;
	kind: string;
	icon?: IconName;
	status: string;
	age: string;
	info: string;
}

interface Node {
	row: Omit<Row, 'prefix'>;
	children: Node[];
}

function flatten(nodes: Node[], indent: string, out: Row[]): void {
	nodes.forEach((node, i) => {
		const last = i === nodes.length - 1;
		out.push({...node.row, prefix: indent + (last ? '└──' : '├──')});
		flatten(node.children, indent + (last ? '   ' : '│  '), out);
	});
}

const when = (timestamp: string | null, now: number) => (timestamp ? age(timestamp, now) : '');

function counts(run: {successful: number; failed: number; inconclusive: number; error: number}): string {
	const parts: string[] = [];
	if (run.successful) parts.push(`✔ ${run.successful}`);
	if (run.failed) parts.push(`✖ ${run.failed}`);
	if (run.inconclusive) parts.push(`? ${run.inconclusive}`);
	if (run.error) parts.push(`⚠ ${run.error}`);
	return parts.join(',');
}

export function treeRows(view: RolloutView, now: number): Row[] {
	const revisions: Node[] = view.revisions.map(rev => ({
		row: {name: `# revision:${rev.revision}`, kind: '', status: '', age: '', info: ''},
		children: [
			...rev.replicaSets.map(rs => ({
				row: {
					name: `⧉ ${rs.name}`,
					nameColor: roleColor(rs.tags),
					kind: 'ReplicaSet',
					icon: rs.icon,
					status: rs.status,
					age: when(rs.createdAt, now),
					info: [...rs.tags, scaleDownDelay(rs.scaleDownDeadline, now) ?? []].flat().join(','),
				},
				children: rs.pods.map(pod => ({
					row: {
						name: `□ ${pod.name}`,
						kind: 'Pod',
						icon: pod.icon,
						status: pod.status,
						age: when(pod.createdAt, now),
						info: `ready:${pod.ready}${pod.restarts > 0 ? `,restarts:${pod.restarts}` : ''}`,
					},
					children: [],
				})),
			})),
			...rev.experiments.map(exp => ({
				row: {name: `Σ ${exp.name}`, kind: 'Experiment', icon: exp.icon, status: exp.status, age: when(exp.createdAt, now), info: ''},
				children: [],
			})),
			...rev.analysisRuns.map(run => ({
				row: {
					name: `α ${run.name}`,
					kind: 'AnalysisRun',
					icon: run.icon,
					status: run.status,
					age: when(run.createdAt, now),
					info: counts(run.counts),
				},
				children: [],
			})),
		],
	}));
	const rows: Row[] = [
		{prefix: '', name: `⟳ ${view.name}`, kind: 'Rollout', icon: view.icon, status: view.status, age: when(view.createdAt, now), info: ''},
	];
	flatten(revisions, '', rows);
	return rows;
}

export function treeLines(view: RolloutView, now: number): Line[] {
	const rows = treeRows(view, now);
	const w = (f: (r: Row) => string) => Math.max(...rows.map(r => stringWidth(f(r)))) + 2;
	const nameW = w(r => r.prefix + r.name);
	const kindW = w(r => r.kind);
	const statusW = w(r => (r.icon ? `x ${r.status}` : ''));
	const ageW = w(r => r.age);
	const header: Line = [seg(fit('NAME', nameW) + fit('KIND', kindW) + fit('STATUS', statusW) + fit('AGE', ageW) + 'INFO', {dim: true})];
	return [
		[seg('REVISIONS', {bold: true})],
		header,
		...rows.map((r): Line => {
			const status = r.icon ? statusSegment(r.icon, r.status) : seg('');
			return [
				seg(r.prefix, {dim: true}),
				seg(fit(r.name, nameW - stringWidth(r.prefix)), {color: r.nameColor}),
				seg(fit(r.kind, kindW)),
				{...status, text: fit(status.text, statusW)},
				seg(fit(r.age, ageW)),
				seg(r.info),
			];
		}),
	];
}
