// The revision tree of `kubectl argo rollouts get rollout`, as data: one row
// per rollout, revision, ReplicaSet, pod, experiment and analysis run, with
// the tree prefix, columns and INFO pieces. The text printer and the UI both
// format these rows, so they always show the same tree.
import {age} from './duration.js';
import {scaleDownDelay} from './replicaset.js';
import type {AnalysisRunView, ExperimentView, IconName, ReplicaSetView, RolloutView} from './view.js';

/** One comma-separated piece of the INFO column; `tag` and `icon` say how to colour it. */
export interface InfoPiece {
	text: string;
	tag?: string;
	icon?: IconName;
}

/** What a row of the tree stands for; the theme gives each its glyph. */
export type TreeNode = 'rollout' | 'revision' | 'replicaSet' | 'pod' | 'job' | 'service' | 'experiment' | 'analysisRun';

export interface TreeRow {
	prefix: string; // "├──", "│  └──", ...
	node: TreeNode;
	name: string;
	/** How to colour the name: a ReplicaSet's first tag, or "progressing" for a running run. */
	nameHint: string | null;
	kind: string;
	icon: IconName | null;
	status: string;
	age: string;
	info: InfoPiece[];
}

const branch = (isLast: boolean, indent: string): [prefix: string, childIndent: string] =>
	isLast ? [`${indent}└──`, `${indent}   `] : [`${indent}├──`, `${indent}│  `];

const running = (status: string) => (status === 'Pending' || status === 'Running' ? 'progressing' : null);

export function revisionTree(view: RolloutView, now: number): TreeRow[] {
	const when = (ts: string | null) => age(ts, now);
	const rows: TreeRow[] = [
		{prefix: '', node: 'rollout', name: view.name, nameHint: null, kind: 'Rollout', icon: view.icon, status: view.status, age: when(view.createdAt), info: []},
	];

	const replicaSet = (rs: ReplicaSetView, prefix: string, indent: string) => {
		const info: InfoPiece[] = rs.tags.map(tag => ({text: tag, tag}));
		// From the deadline at render time; the derived string may be older than `now`.
		const delay = scaleDownDelay(rs.scaleDownDeadline, now) ?? rs.scaleDownDelay;
		if (delay) info.push({text: delay});
		rows.push({prefix, node: 'replicaSet', name: rs.name, nameHint: rs.tags[0] ?? null, kind: 'ReplicaSet', icon: rs.icon, status: rs.status, age: when(rs.createdAt), info});
		rs.pods.forEach((pod, i) => {
			const podInfo: InfoPiece[] = [{text: `ready:${pod.ready}`}];
			if (pod.restarts > 0) podInfo.push({text: `restarts:${pod.restarts}`});
			rows.push({prefix: branch(i === rs.pods.length - 1, indent)[0], node: 'pod', name: pod.name, nameHint: null, kind: 'Pod', icon: pod.icon, status: pod.status, age: when(pod.createdAt), info: podInfo});
		});
	};
	const analysisRun = (run: AnalysisRunView, prefix: string) => {
		const counts: Array<[number, IconName]> = [
			[run.counts.successful, 'ok'],
			[run.counts.failed, 'bad'],
			[run.counts.inconclusive, 'unknown'],
			[run.counts.error, 'warning'],
		];
		const info = counts.filter(([n]) => n > 0).map(([n, icon]): InfoPiece => ({text: String(n), icon}));
		rows.push({prefix, node: 'analysisRun', name: run.name, nameHint: running(run.status), kind: 'AnalysisRun', icon: run.icon, status: run.status, age: when(run.createdAt), info});
	};
	const experiment = (exp: ExperimentView, prefix: string, indent: string) => {
		rows.push({prefix, node: 'experiment', name: exp.name, nameHint: running(exp.status), kind: 'Experiment', icon: exp.icon, status: exp.status, age: when(exp.createdAt), info: []});
		children(exp.replicaSets ?? [], [], exp.analysisRuns ?? [], indent);
	};
	// Under a parent, as the plugin orders them: ReplicaSets, Experiments, AnalysisRuns.
	const children = (sets: readonly ReplicaSetView[], exps: readonly ExperimentView[], runs: readonly AnalysisRunView[], indent: string) => {
		const total = sets.length + exps.length + runs.length;
		let n = 0;
		const next = () => branch(++n === total, indent);
		for (const rs of sets) replicaSet(rs, ...next());
		for (const exp of exps) experiment(exp, ...next());
		for (const run of runs) analysisRun(run, next()[0]);
	};
	view.revisions.forEach((rev, i) => {
		const [prefix, indent] = branch(i === view.revisions.length - 1, '');
		rows.push({prefix, node: 'revision', name: `revision:${rev.revision}`, nameHint: null, kind: '', icon: null, status: '', age: '', info: []});
		children(rev.replicaSets, rev.experiments, rev.analysisRuns, indent);
	});
	return rows;
}
