// AnalysisRuns and Experiments: phase, revision and the metric counters.
import {revisionOf} from './facts.js';
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {dict, dicts, int, str} from './read.js';

export interface AnalysisRunObject {
	meta: Meta;
	revision: number | null;
	phase: string;
	/** Totals over every metric of the run. */
	counts: {successful: number; failed: number; inconclusive: number; error: number};
}

export function analysisRunOf(raw: unknown): AnalysisRunObject {
	const status = dict(dict(raw)['status']);
	const counts = {successful: 0, failed: 0, inconclusive: 0, error: 0};
	for (const r of dicts(status['metricResults'])) {
		counts.successful += int(r['successful']) ?? 0;
		counts.failed += int(r['failed']) ?? 0;
		counts.inconclusive += int(r['inconclusive']) ?? 0;
		counts.error += int(r['error']) ?? 0;
	}
	return {meta: metaOf(raw), revision: revisionOf(rawMetadata(raw)['annotations']), phase: str(status['phase']), counts};
}

export interface ExperimentObject {
	meta: Meta;
	revision: number | null;
	phase: string;
	message: string;
}

export function experimentOf(raw: unknown): ExperimentObject {
	const status = dict(dict(raw)['status']);
	return {
		meta: metaOf(raw),
		revision: revisionOf(rawMetadata(raw)['annotations']),
		phase: str(status['phase']),
		message: str(status['message']),
	};
}
