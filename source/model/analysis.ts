// AnalysisRuns and Experiments of a rollout (owned by its UID), as the
// plugin's tree shows them, plus each run's kind and its metrics.

import type {AnalysisRunObject, ExperimentObject, Metric} from '../domain/analysis.js';
import type {RolloutObject} from '../domain/rollout.js';
import {analysisIcon} from './icons.js';
import {byString, createdMs} from './safe.js';
import type {AnalysisKind, AnalysisRunView, ExperimentView, ReplicaSetView} from './view.js';

const KINDS: readonly AnalysisKind[] = ['Step', 'Background', 'PrePromotion', 'PostPromotion'];

/** The rollout-type label, else the rollout status field naming this run; null for neither. */
export function analysisKind(run: AnalysisRunObject, rollout: RolloutObject | null): AnalysisKind | null {
	const labelled = KINDS.find((k) => k === run.rolloutType);
	if (labelled !== undefined) return labelled;
	if (rollout === null || run.meta.name === '') return null;
	const {step, background, prePromotion, postPromotion} = rollout.status.runs;
	const named: Array<[AnalysisKind, string | undefined]> = [
		['Step', step?.name],
		['Background', background?.name],
		['PrePromotion', prePromotion?.name],
		['PostPromotion', postPromotion?.name],
	];
	return named.find(([, name]) => name === run.meta.name)?.[0] ?? null;
}

/** Failure reasons first: Failed and Error metrics, then Inconclusive, then the rest in spec order. */
const RANK: Record<string, number> = {Failed: 0, Error: 0, Inconclusive: 1};
export const metricsFailuresFirst = (metrics: readonly Metric[]): Metric[] =>
	metrics.map((m, i) => ({m, i, r: RANK[m.phase] ?? 2})).sort((a, b) => a.r - b.r || a.i - b.i).map(({m}) => m);

/** `rollout` is the owning rollout (null for an experiment's runs), used to tell the run's kind. */
export function analysisRunView(run: AnalysisRunObject, rollout: RolloutObject | null = null): AnalysisRunView {
	return {
		name: run.meta.name,
		status: run.phase,
		icon: analysisIcon(run.phase),
		revision: run.revision ?? 0,
		counts: {...run.counts},
		createdAt: run.meta.createdAt,
		kind: analysisKind(run, rollout),
		stepIndex: run.stepIndex,
		message: run.message,
		metrics: metricsFailuresFirst(run.metrics),
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
