// Numbers over probe samples: answers per version, error rate and latency
// percentiles, for the last few seconds (panel) or a whole run (probe -o json).
// Pure; times are passed in.
import type {ProbeErrorKind, ProbeSample} from './traffic.js';

export interface VersionShare {
	version: string;
	answers: number;
	/** answers / requests, between 0 and 1 (errors count against every version). */
	share: number;
}

export interface TrafficStats {
	requests: number;
	errors: number;
	/** errors / requests, 0 when there were no requests. */
	errorRate: number;
	/** Most answers first, then by name. */
	versions: VersionShare[];
	/** Over every request that came back (answers and errors), null without any. */
	latencyMs: {p50: number; p95: number} | null;
	/** The most recent failure's words, if any: what the panel says. */
	lastError: {kind: ProbeErrorKind; detail: string} | undefined;
}

/** The panel's window. */
export const STATS_WINDOW_MS = 5000;

/** Nearest-rank percentile of ascending `sorted` (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return 0;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function trafficStats(samples: readonly ProbeSample[]): TrafficStats {
	const answers = new Map<string, number>();
	const latencies: number[] = [];
	let errors = 0;
	let lastError: TrafficStats['lastError'];
	for (const sample of samples) {
		latencies.push(sample.latencyMs);
		const {outcome} = sample;
		if (outcome.kind === 'answer') {
			answers.set(outcome.version, (answers.get(outcome.version) ?? 0) + 1);
		} else {
			errors++;
			lastError = {kind: outcome.error, detail: outcome.detail};
		}
	}
	const requests = samples.length;
	latencies.sort((a, b) => a - b);
	const versions = [...answers]
		.map(([version, count]) => ({version, answers: count, share: count / requests}))
		.sort((a, b) => b.answers - a.answers || a.version.localeCompare(b.version));
	return {
		requests,
		errors,
		errorRate: requests === 0 ? 0 : errors / requests,
		versions,
		latencyMs: latencies.length === 0 ? null : {p50: percentile(latencies, 50), p95: percentile(latencies, 95)},
		lastError,
	};
}

/** Stats over the samples that arrived in the last `windowMs` before `now`. */
export function windowStats(samples: readonly ProbeSample[], now: number, windowMs = STATS_WINDOW_MS): TrafficStats {
	return trafficStats(samples.filter((sample) => sample.at > now - windowMs && sample.at <= now));
}

/** The share of `version` among the requests (0 without any): what `probe --expect` checks. */
export function shareOf(stats: TrafficStats, version: string): number {
	return stats.versions.find((entry) => entry.version === version)?.share ?? 0;
}
