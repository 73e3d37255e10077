// A Rollout as the model and the planner read it: plain fields, read once.
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {atoi, bool, dict, dicts, int, isDict, isSet, list, str, strEntry, strMap, time, type Dict} from './read.js';
import type {PodTemplate} from './raw.js';
import {stepOf, type Step} from './step.js';

const WORKLOAD_GENERATION_ANNOTATION = 'rollout.argoproj.io/workload-generation';

export interface Condition {
	type: string;
	reason: string;
	message: string;
}

export interface BlueGreenSpec {
	activeService: string;
	previewService: string;
	postPromotionAnalysis: boolean;
}

export interface CanarySpec {
	stableService: string;
	canaryService: string;
	steps: Step[];
	trafficRouted: boolean;
	/** trafficRouting.maxTrafficWeight, when set. */
	maxTrafficWeight: number | null;
	pingPong: boolean;
}

export interface RolloutObject {
	meta: Meta;
	/** The strategy block that decides behaviour; canary wins if both are set, as in the plugin. */
	strategy: 'BlueGreen' | 'Canary';
	blueGreen: BlueGreenSpec | null;
	canary: CanarySpec | null;
	/** spec.replicas; null when not set (the controller's default is 1). */
	replicas: number | null;
	specPaused: boolean;
	/** spec.restartAt was given (a non-empty value), and its time if it parses. */
	restartAtSet: boolean;
	restartAtMs: number | undefined;
	templateResolvedFromRef: boolean;
	/** The workload-generation annotation (a referenced Deployment's generation). */
	workloadGeneration: number | undefined;
	workloadRef: {kind: string; name: string} | null;
	/** spec.selector.matchLabels (matchExpressions are not modelled). */
	matchLabels: Record<string, string>;
	/** spec.template as written; undo and its diff compare against it. */
	template: PodTemplate | null;
	status: RolloutStatusFields;
}

export interface RolloutStatusFields {
	phase: string;
	message: string;
	/** status.observedGeneration (a string); undefined when not a number (v0.9 wrote a hash). */
	observedGeneration: number | undefined;
	workloadObservedGeneration: number | undefined;
	controllerPause: boolean;
	pauseReasons: string[];
	/** Start time of the CanaryPauseStep condition, if any. */
	canaryPauseStartMs: number | undefined;
	aborted: boolean;
	currentPodHash: string;
	stableRS: string;
	/** status.currentStepIndex; undefined when not set (the plugin counts that as 0). */
	currentStepIndex: number | undefined;
	restartedAt: string;
	restartedAtMs: number | undefined;
	replicas: number;
	updatedReplicas: number;
	readyReplicas: number;
	availableReplicas: number;
	conditions: Condition[];
	activeSelector: string;
	previewSelector: string;
	/** Post-promotion analysis run status: null when the block is absent. */
	postPromotionAnalysisStatus: string | null;
	currentStepAnalysisStatus: string;
	stablePingPong: string;
	/** status.canary.weights.canary.weight: null when no weights block. */
	canaryWeight: number | null;
}

export function rolloutOf(raw: unknown): RolloutObject {
	const spec = dict(dict(raw)['spec']);
	const strategy = dict(spec['strategy']);
	const canary = isSet(strategy['canary']) ? canarySpec(dict(strategy['canary'])) : null;
	const blueGreen = isSet(strategy['blueGreen']) ? blueGreenSpec(dict(strategy['blueGreen'])) : null;
	const restartAt = spec['restartAt'];
	const ref = spec['workloadRef'];
	const template = spec['template'];
	return {
		meta: metaOf(raw),
		// A rollout without a strategy is invalid; show it as canary (the controller's default shape).
		strategy: canary !== null || blueGreen === null ? 'Canary' : 'BlueGreen',
		blueGreen,
		canary,
		replicas: int(spec['replicas']) ?? null,
		specPaused: bool(spec['paused']),
		restartAtSet: isSet(restartAt) && restartAt !== '',
		restartAtMs: time(restartAt),
		templateResolvedFromRef: bool(spec['templateResolvedFromRef']),
		workloadGeneration: atoi(strEntry(rawMetadata(raw)['annotations'], WORKLOAD_GENERATION_ANNOTATION)),
		workloadRef: isDict(ref) ? {kind: str(ref['kind']), name: str(ref['name'])} : null,
		matchLabels: strMap(dict(spec['selector'])['matchLabels']),
		template: isDict(template) ? (template as PodTemplate) : null,
		status: statusOf(dict(dict(raw)['status'])),
	};
}

function blueGreenSpec(bg: Dict): BlueGreenSpec {
	return {
		activeService: str(bg['activeService']),
		previewService: str(bg['previewService']),
		postPromotionAnalysis: isSet(bg['postPromotionAnalysis']),
	};
}

function canarySpec(canary: Dict): CanarySpec {
	const routing = canary['trafficRouting'];
	return {
		stableService: str(canary['stableService']),
		canaryService: str(canary['canaryService']),
		steps: list(canary['steps']).map(stepOf),
		trafficRouted: isSet(routing),
		maxTrafficWeight: isSet(routing) ? (int(dict(routing)['maxTrafficWeight']) ?? null) : null,
		pingPong: isSet(canary['pingPong']),
	};
}

function statusOf(status: Dict): RolloutStatusFields {
	const bg = dict(status['blueGreen']);
	const canary = dict(status['canary']);
	const pauses = list(status['pauseConditions']);
	const post = bg['postPromotionAnalysisRunStatus'];
	const weights = canary['weights'];
	const restartedAt = str(status['restartedAt']);
	return {
		phase: str(status['phase']),
		message: str(status['message']),
		observedGeneration: atoi(status['observedGeneration']),
		workloadObservedGeneration: atoi(status['workloadObservedGeneration']),
		controllerPause: bool(status['controllerPause']),
		pauseReasons: pauses.map((p) => str(dict(p)['reason'])),
		canaryPauseStartMs: time(dicts(pauses).find((c) => c['reason'] === 'CanaryPauseStep')?.['startTime']),
		aborted: bool(status['abort']),
		currentPodHash: str(status['currentPodHash']),
		stableRS: str(status['stableRS']),
		currentStepIndex: int(status['currentStepIndex']),
		restartedAt,
		restartedAtMs: time(status['restartedAt']),
		replicas: int(status['replicas']) ?? 0,
		updatedReplicas: int(status['updatedReplicas']) ?? 0,
		readyReplicas: int(status['readyReplicas']) ?? 0,
		availableReplicas: int(status['availableReplicas']) ?? 0,
		conditions: dicts(status['conditions']).map((c) => ({type: str(c['type']), reason: str(c['reason']), message: str(c['message'])})),
		activeSelector: str(bg['activeSelector']),
		previewSelector: str(bg['previewSelector']),
		postPromotionAnalysisStatus: isSet(post) ? str(dict(post)['status']) : null,
		currentStepAnalysisStatus: str(dict(canary['currentStepAnalysisRunStatus'])['status']),
		stablePingPong: str(canary['stablePingPong']),
		canaryWeight: isSet(weights) ? (int(dict(dict(weights)['canary'])['weight']) ?? 0) : null,
	};
}
