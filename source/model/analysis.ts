// AnalysisRuns and Experiments of a rollout (owned by its UID), as the
// plugin's tree shows them.

import {analysisIcon} from './icons.js';
import type {AnalysisRun, Experiment} from './objects.js';
import {revisionOf} from './replicaset.js';
import {byString, createdMs, dict, dicts, int, metadataOf, str, strOrNull} from './safe.js';
import type {AnalysisRunView, ExperimentView, ReplicaSetView} from './view.js';

export function analysisRunView(run: AnalysisRun | unknown): AnalysisRunView {
	const m = metadataOf(run);
	const status = dict(dict(run)['status']);
	const counts = {successful: 0, failed: 0, inconclusive: 0, error: 0};
	// Counters are totals over every metric of the run.
	for (const r of dicts(status['metricResults'])) {
		counts.successful += int(r['successful']) ?? 0;
		counts.failed += int(r['failed']) ?? 0;
		counts.inconclusive += int(r['inconclusive']) ?? 0;
		counts.error += int(r['error']) ?? 0;
	}
	const phase = str(status['phase']);
	return {
		name: str(m['name']),
		status: phase,
		icon: analysisIcon(phase),
		revision: revisionOf(m),
		counts,
		createdAt: strOrNull(m['creationTimestamp']),
	};
}

const byCreated = (a: string | null, b: string | null): number => {
	const ta = createdMs(a);
	const tb = createdMs(b);
	return ta < tb ? -1 : ta > tb ? 1 : 0;
};

/** Revision descending, creation ascending, name descending (the plugin's order). */
export function compareAnalysisRuns(a: AnalysisRunView, b: AnalysisRunView): number {
	return b.revision - a.revision || byCreated(a.createdAt, b.createdAt) || byString(b.name, a.name);
}

/** The experiment with its own ReplicaSets and AnalysisRuns, already built by the caller. */
export function experimentView(
	exp: Experiment | unknown,
	replicaSets: ReplicaSetView[] = [],
	analysisRuns: AnalysisRunView[] = [],
): ExperimentView {
	const m = metadataOf(exp);
	const status = dict(dict(exp)['status']);
	const phase = str(status['phase']);
	return {
		name: str(m['name']),
		status: phase,
		icon: analysisIcon(phase),
		revision: revisionOf(m),
		message: str(status['message']),
		createdAt: strOrNull(m['creationTimestamp']),
		replicaSets,
		analysisRuns,
	};
}

/** Revision descending, then creation ascending, then name. */
export function compareExperiments(a: ExperimentView, b: ExperimentView): number {
	return b.revision - a.revision || byCreated(a.createdAt, b.createdAt) || byString(a.name, b.name);
}
