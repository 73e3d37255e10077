// The analysis runs a rollout shows in its analysis panel: its own and its
// experiments', newest revision first, with words for their kind.
import type {AnalysisRunView, RolloutView} from './view.js';

export interface RunEntry {
	run: AnalysisRunView;
	revision: number;
	/** The experiment that owns the run, or null for the rollout's own runs. */
	experiment: string | null;
}

/** Every run of the rollout and of its experiments, in revision-tree order. */
export function rolloutRuns(view: RolloutView): RunEntry[] {
	const out: RunEntry[] = [];
	for (const rev of view.revisions) {
		for (const exp of rev.experiments) for (const run of exp.analysisRuns ?? []) out.push({run, revision: rev.revision, experiment: exp.name});
		for (const run of rev.analysisRuns) out.push({run, revision: rev.revision, experiment: null});
	}
	return out;
}

/** "Step 2", "Background", "PrePromotion", "PostPromotion", "Experiment exp-1", or "Analysis". */
export function runKindText(entry: RunEntry): string {
	const {run} = entry;
	if (run.kind === 'Step') return run.stepIndex === null ? 'Step' : `Step ${run.stepIndex + 1}`;
	if (run.kind !== null) return run.kind;
	return entry.experiment === null ? 'Analysis' : `Experiment ${entry.experiment}`;
}

/** A metric's limits in words: "count 3 · every 10s · failureLimit 0 · inconclusiveLimit 1". */
export function metricLimits(m: AnalysisRunView['metrics'][number]): string {
	const parts: string[] = [];
	if (m.count !== null) parts.push(`count ${m.count}`);
	if (m.interval !== '') parts.push(`every ${m.interval}`);
	if (m.failureLimit !== null) parts.push(`failureLimit ${m.failureLimit}`);
	if (m.inconclusiveLimit !== null) parts.push(`inconclusiveLimit ${m.inconclusiveLimit}`);
	if (m.consecutiveErrorLimit !== null) parts.push(`consecutiveErrorLimit ${m.consecutiveErrorLimit}`);
	return parts.join(' · ');
}
