// AnalysisRuns and Experiments of a rollout (owned by its UID), as the
// plugin's tree shows them.

import type {AnalysisRunObject, ExperimentObject} from '../domain/analysis.js';
import {analysisIcon} from './icons.js';
import {byString, createdMs} from './safe.js';
import type {AnalysisRunView, ExperimentView, ReplicaSetView} from './view.js';

export function analysisRunView(run: AnalysisRunObject): AnalysisRunView {
	return {
		name: run.meta.name,
		status: run.phase,
		icon: analysisIcon(run.phase),
		revision: run.revision ?? 0,
		counts: {...run.counts},
		createdAt: run.meta.createdAt,
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
	exp: ExperimentObject,
	replicaSets: ReplicaSetView[] = [],
	analysisRuns: AnalysisRunView[] = [],
): ExperimentView {
	return {
		name: exp.meta.name,
		status: exp.phase,
		icon: analysisIcon(exp.phase),
		revision: exp.revision ?? 0,
		message: exp.message,
		createdAt: exp.meta.createdAt,
		replicaSets,
		analysisRuns,
	};
}

/** Revision descending, then creation ascending, then name. */
export function compareExperiments(a: ExperimentView, b: ExperimentView): number {
	return b.revision - a.revision || byCreated(a.createdAt, b.createdAt) || byString(a.name, b.name);
}
