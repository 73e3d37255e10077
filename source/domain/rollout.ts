// A Rollout as the model and the planner read it: plain fields, read once.
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {atoi, bool, dict, dicts, int, isDict, isSet, list, str, strEntry, strMap, strOrNull, time, type Dict} from './read.js';
import type {PodTemplate} from './raw.js';
import {stepOf, type Step} from './step.js';
import {trafficRoutingOf, trafficWeightsOf, type TrafficRoutingSpec, type TrafficWeights} from './traffic.js';

const WORKLOAD_GENERATION_ANNOTATION = 'rollout.argoproj.io/workload-generation';

export interface Condition {
	type: string;
	status: string;
	reason: string;
	message: string;
	/** lastUpdateTime in epoch ms, when it parses. */
	lastUpdateMs: number | undefined;
}

/** The controller's defaults (utils/defaults/defaults.go). */
export const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;
export const DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS = 30;
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

export interface BlueGreenSpec {
	activeService: string;
	previewService: string;
	postPromotionAnalysis: boolean;
	prePromotionAnalysis: boolean;
	/** Template names of the pre- and post-promotion analyses. */
	prePromotionTemplates: string[];
	postPromotionTemplates: string[];
	/** autoPromotionEnabled (default true). */
	autoPromotionEnabled: boolean;
	/** autoPromotionSeconds when > 0, else null. */
	autoPromotionSeconds: number | null;
	previewReplicaCount: number | null;
	scaleDownDelaySeconds: number;
	abortScaleDownDelaySeconds: number;
}

export interface CanarySpec {
	stableService: string;
	canaryService: string;
	steps: Step[];
	trafficRouted: boolean;
	/** trafficRouting.maxTrafficWeight, when set. */
	maxTrafficWeight: number | null;
	/** The routers and their objects; null without trafficRouting. */
	trafficRouting: TrafficRoutingSpec | null;
	/** Template names of the background analysis; null when there is none. */
	backgroundAnalysisTemplates: string[] | null;
	pingPong: boolean;
	scaleDownDelaySeconds: number;
	abortScaleDownDelaySeconds: number;
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
	/** spec.progressDeadlineSeconds (default 600). */
	progressDeadlineSeconds: number;
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
	/** status.pauseConditions in order, with their start times. */
	pauseConditions: PauseCondition[];
	/** Start time of the CanaryPauseStep condition, if any. */
	canaryPauseStartMs: number | undefined;
	aborted: boolean;
	abortedAt: string | null;
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
	/** status.canary.weights as written; null without it. */
	weights: TrafficWeights | null;
	/** The run status blocks the controller keeps per analysis kind (null when absent). */
	runs: {step: RunRef | null; background: RunRef | null; prePromotion: RunRef | null; postPromotion: RunRef | null};
	/** status.canary.currentExperiment ('' when none). */
	currentExperiment: string;
	scaleUpPreviewCheckPoint: boolean;
}

export interface PauseCondition {
	reason: string;
	startTime: string | null;
	startMs: number | undefined;
}

/** {name, status, message} of status.canary.current*AnalysisRunStatus and status.blueGreen.*PromotionAnalysisRunStatus. */
export interface RunRef {
	name: string;
	status: string;
	message: string;
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
		progressDeadlineSeconds: int(spec['progressDeadlineSeconds']) ?? DEFAULT_PROGRESS_DEADLINE_SECONDS,
		matchLabels: strMap(dict(spec['selector'])['matchLabels']),
		template: isDict(template) ? (template as PodTemplate) : null,
		status: statusOf(dict(dict(raw)['status'])),
	};
}

/** templateName of each entry of an analysis block's templates[]. */
const templateNames = (analysis: unknown): string[] =>
	dicts(dict(analysis)['templates']).map((t) => str(t['templateName'])).filter((n) => n !== '');

const seconds = (x: unknown, fallback: number): number => {
	const n = int(x);
	return n === undefined || n < 0 ? fallback : n;
};

function blueGreenSpec(bg: Dict): BlueGreenSpec {
	const autoSeconds = int(bg['autoPromotionSeconds']) ?? 0;
	return {
		activeService: str(bg['activeService']),
		previewService: str(bg['previewService']),
		postPromotionAnalysis: isSet(bg['postPromotionAnalysis']),
		prePromotionAnalysis: isSet(bg['prePromotionAnalysis']),
		prePromotionTemplates: templateNames(bg['prePromotionAnalysis']),
		postPromotionTemplates: templateNames(bg['postPromotionAnalysis']),
		autoPromotionEnabled: bg['autoPromotionEnabled'] !== false,
		autoPromotionSeconds: autoSeconds > 0 ? autoSeconds : null,
		previewReplicaCount: int(bg['previewReplicaCount']) ?? null,
		scaleDownDelaySeconds: seconds(bg['scaleDownDelaySeconds'], DEFAULT_SCALE_DOWN_DELAY_SECONDS),
		abortScaleDownDelaySeconds: seconds(bg['abortScaleDownDelaySeconds'], DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS),
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
		trafficRouting: trafficRoutingOf(routing),
		backgroundAnalysisTemplates: isSet(canary['analysis']) ? templateNames(canary['analysis']) : null,
		pingPong: isSet(canary['pingPong']),
		scaleDownDelaySeconds: seconds(canary['scaleDownDelaySeconds'], DEFAULT_SCALE_DOWN_DELAY_SECONDS),
		abortScaleDownDelaySeconds: seconds(canary['abortScaleDownDelaySeconds'], DEFAULT_ABORT_SCALE_DOWN_DELAY_SECONDS),
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
		pauseConditions: dicts(pauses).map((p) => ({reason: str(p['reason']), startTime: strOrNull(p['startTime']), startMs: time(p['startTime'])})),
		canaryPauseStartMs: time(dicts(pauses).find((c) => c['reason'] === 'CanaryPauseStep')?.['startTime']),
		aborted: bool(status['abort']),
		abortedAt: strOrNull(status['abortedAt']),
		currentPodHash: str(status['currentPodHash']),
		stableRS: str(status['stableRS']),
		currentStepIndex: int(status['currentStepIndex']),
		restartedAt,
		restartedAtMs: time(status['restartedAt']),
		replicas: int(status['replicas']) ?? 0,
		updatedReplicas: int(status['updatedReplicas']) ?? 0,
		readyReplicas: int(status['readyReplicas']) ?? 0,
		availableReplicas: int(status['availableReplicas']) ?? 0,
		conditions: dicts(status['conditions']).map(conditionOf),
		activeSelector: str(bg['activeSelector']),
		previewSelector: str(bg['previewSelector']),
		postPromotionAnalysisStatus: isSet(post) ? str(dict(post)['status']) : null,
		currentStepAnalysisStatus: str(dict(canary['currentStepAnalysisRunStatus'])['status']),
		stablePingPong: str(canary['stablePingPong']),
		canaryWeight: isSet(weights) ? (int(dict(dict(weights)['canary'])['weight']) ?? 0) : null,
		weights: trafficWeightsOf(weights),
		runs: {
			step: runRef(canary['currentStepAnalysisRunStatus']),
			background: runRef(canary['currentBackgroundAnalysisRunStatus']),
			prePromotion: runRef(bg['prePromotionAnalysisRunStatus']),
			postPromotion: runRef(post),
		},
		currentExperiment: str(canary['currentExperiment']),
		scaleUpPreviewCheckPoint: bool(bg['scaleUpPreviewCheckPoint']),
	};
}

const conditionOf = (c: Dict): Condition => ({
	type: str(c['type']),
	status: str(c['status']),
	reason: str(c['reason']),
	message: str(c['message']),
	lastUpdateMs: time(c['lastUpdateTime']),
});

const runRef = (x: unknown): RunRef | null => {
	if (!isDict(x)) return null;
	return {name: str(x['name']), status: str(x['status']), message: str(x['message'])};
};
