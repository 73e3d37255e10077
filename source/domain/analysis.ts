// AnalysisRuns and Experiments: phase, revision, the metric counters, and
// each metric's spec (provider, conditions, limits) joined with its results.
import {revisionOf} from './facts.js';
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {atoi, dict, dicts, int, isSet, str, strEntry, strOrNull, type Dict} from './read.js';

/** The label the controller sets on a rollout's runs: Step, Background, PrePromotion, PostPromotion. */
export const ROLLOUT_TYPE_LABEL = 'rollout-type';
export const STEP_INDEX_LABEL = 'step-index';

export interface Measurement {
	phase: string;
	/** The measured value as the provider reported it ('' when none). */
	value: string;
	startedAt: string | null;
	finishedAt: string | null;
	message: string;
	/** metadata['job-name'] of the Job provider, else ''. */
	jobName: string;
}

export type IntOrString = number | string;

export interface Metric {
	name: string;
	/** The provider key: web, job, prometheus, datadog, ... ('' when none); plugins as plugin:<name>. */
	provider: string;
	successCondition: string;
	failureCondition: string;
	/** As written: count and the limits are numbers, or strings with args ("{{args.n}}"); null when absent. */
	count: IntOrString | null;
	interval: string;
	failureLimit: IntOrString | null;
	inconclusiveLimit: IntOrString | null;
	consecutiveErrorLimit: IntOrString | null;
	/** From status.metricResults (empty until the controller measures). */
	phase: string;
	message: string;
	successful: number;
	failed: number;
	inconclusive: number;
	error: number;
	measurements: Measurement[];
}

export interface AnalysisRunObject {
	meta: Meta;
	revision: number | null;
	phase: string;
	message: string;
	/** The rollout-type label, '' when absent. */
	rolloutType: string;
	/** The step-index label (Step runs), null when absent. */
	stepIndex: number | null;
	/** Totals over every metric of the run. */
	counts: {successful: number; failed: number; inconclusive: number; error: number};
	/** Spec metrics in order, joined with their results; results for metrics the spec lacks come last. */
	metrics: Metric[];
}

export function analysisRunOf(raw: unknown): AnalysisRunObject {
	const m = rawMetadata(raw);
	const status = dict(dict(raw)['status']);
	const results = dicts(status['metricResults']);
	const counts = {successful: 0, failed: 0, inconclusive: 0, error: 0};
	for (const r of results) {
		counts.successful += int(r['successful']) ?? 0;
		counts.failed += int(r['failed']) ?? 0;
		counts.inconclusive += int(r['inconclusive']) ?? 0;
		counts.error += int(r['error']) ?? 0;
	}
	return {
		meta: metaOf(raw),
		revision: revisionOf(m['annotations']),
		phase: str(status['phase']),
		message: str(status['message']),
		rolloutType: strEntry(m['labels'], ROLLOUT_TYPE_LABEL) ?? '',
		stepIndex: atoi(strEntry(m['labels'], STEP_INDEX_LABEL)) ?? null,
		counts,
		metrics: metricsOf(dicts(dict(dict(raw)['spec'])['metrics']), results),
	};
}

function metricsOf(specs: Dict[], results: Dict[]): Metric[] {
	const byName = new Map<string, Dict>();
	for (const r of results) if (!byName.has(str(r['name']))) byName.set(str(r['name']), r);
	const metrics = specs.map((spec) => metricOf(spec, byName.get(str(spec['name']))));
	const named = new Set(specs.map((s) => str(s['name'])));
	for (const r of results) if (!named.has(str(r['name']))) metrics.push(metricOf({name: r['name']}, r));
	return metrics;
}

/** Count-like fields are intstr (a number or "{{args.n}}"). */
const intOrString = (x: unknown): IntOrString | null =>
	typeof x === 'number' && Number.isFinite(x) ? Math.trunc(x) : typeof x === 'string' && x !== '' ? x : null;

function providerOf(provider: unknown): string {
	const keys = Object.keys(dict(provider)).filter((k) => isSet(dict(provider)[k]));
	if (keys[0] === 'plugin') return `plugin:${Object.keys(dict(dict(provider)['plugin']))[0] ?? ''}`;
	return keys[0] ?? '';
}

function metricOf(spec: Dict, result: Dict | undefined): Metric {
	const r = result ?? {};
	const interval = spec['interval'];
	return {
		name: str(spec['name']),
		provider: providerOf(spec['provider']),
		successCondition: str(spec['successCondition']),
		failureCondition: str(spec['failureCondition']),
		count: intOrString(spec['count']),
		interval: typeof interval === 'number' ? `${interval}s` : str(interval),
		failureLimit: intOrString(spec['failureLimit']),
		inconclusiveLimit: intOrString(spec['inconclusiveLimit']),
		consecutiveErrorLimit: intOrString(spec['consecutiveErrorLimit']),
		phase: str(r['phase']),
		message: str(r['message']),
		successful: int(r['successful']) ?? 0,
		failed: int(r['failed']) ?? 0,
		inconclusive: int(r['inconclusive']) ?? 0,
		error: int(r['error']) ?? 0,
		measurements: dicts(r['measurements']).map(measurementOf),
	};
}

const measurementOf = (m: Dict): Measurement => ({
	phase: str(m['phase']),
	value: str(m['value']),
	startedAt: strOrNull(m['startedAt']),
	finishedAt: strOrNull(m['finishedAt']),
	message: str(m['message']),
	jobName: strEntry(m['metadata'], 'job-name') ?? '',
});

export interface ExperimentObject {
	meta: Meta;
	revision: number | null;
	phase: string;
	message: string;
	/** spec.templates[].name in order. */
	templates: string[];
}

export function experimentOf(raw: unknown): ExperimentObject {
	const status = dict(dict(raw)['status']);
	return {
		meta: metaOf(raw),
		revision: revisionOf(rawMetadata(raw)['annotations']),
		phase: str(status['phase']),
		message: str(status['message']),
		templates: dicts(dict(dict(raw)['spec'])['templates']).map((t) => str(t['name'])),
	};
}
