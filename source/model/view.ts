// The view model: what every output (Ink UI, text, JSON) shows. Derived purely
// from ObjectSets by derive.ts. The JSON output is this shape, minus fields
// marked "UI only"; fields named in the README's JSON contract never change.

import type {Metric} from '../domain/analysis.js';
import type {RunRef} from '../domain/rollout.js';
import type {TrafficRouter, TrafficWeights} from '../domain/traffic.js';

export type Strategy = 'BlueGreen' | 'Canary';

/** Argo's status icons (info/info.go), with a colour name for the UI. */
export type IconName = 'waiting' | 'progressing' | 'warning' | 'unknown' | 'ok' | 'bad' | 'paused' | 'neutral';

/** How a pod looks in the grid; each has its own glyph, so colour is optional. */
export type PodState = 'ready' | 'notReady' | 'failed' | 'terminating' | 'pending' | 'unknown';

export interface PodView {
	name: string;
	status: string; // kubectl's STATUS column, e.g. Running, CrashLoopBackOff, Init:0/1
	icon: IconName;
	state: PodState;
	ready: string; // "x/y"
	restarts: number;
	createdAt: string | null;
}

export interface ReplicaSetView {
	name: string;
	hash: string;
	revision: number;
	status: string; // Healthy | Progressing | ReplicaFailure | ScaledDown
	icon: IconName;
	tags: string[]; // stable, active, preview, canary, ping, pong (in Argo's order)
	scaleDownDelay: string | null; // "delay:12s" | "delay:passed" | null
	scaleDownDeadline: string | null;
	desired: number;
	current: number;
	ready: number;
	available: number;
	images: string[];
	createdAt: string | null;
	pods: PodView[];
	/** An experiment's ReplicaSet: its template name (images get a `Σ:<template>` tag). */
	template?: string;
}

/** Which analysis of a rollout a run is (the rollout-type label, else the rollout's status fields). */
export type AnalysisKind = 'Step' | 'Background' | 'PrePromotion' | 'PostPromotion';

/** One metric with its spec and results; measurements oldest first, as the controller keeps them. */
export type MetricView = Metric;

export interface AnalysisRunView {
	name: string;
	status: string;
	icon: IconName;
	revision: number;
	counts: {successful: number; failed: number; inconclusive: number; error: number};
	createdAt: string | null;
	/** null for runs that are none of the four (an experiment's own analyses). */
	kind: AnalysisKind | null;
	/** Step runs: the step-index label. */
	stepIndex: number | null;
	message: string;
	/** Failed, Error and Inconclusive metrics first, then the rest in spec order. */
	metrics: MetricView[];
}

export interface ExperimentView {
	name: string;
	status: string;
	icon: IconName;
	revision: number;
	message: string;
	createdAt: string | null;
	/** The experiment's own ReplicaSets and AnalysisRuns (owned by its UID). */
	replicaSets?: ReplicaSetView[];
	analysisRuns?: AnalysisRunView[];
}

export interface RevisionView {
	revision: number;
	replicaSets: ReplicaSetView[];
	analysisRuns: AnalysisRunView[];
	experiments: ExperimentView[];
}

/** A Service the rollout points at, resolved to the revision it selects. */
export interface ServiceRef {
	name: string;
	hash: string | null; // the rollouts-pod-template-hash in its selector
	exists: boolean; // false when the Service object is missing (or not yet seen)
	replicaSet: string | null; // the ReplicaSet that hash resolves to
	revision: number | null;
	hosts: string[]; // Ingress hosts routing to this Service
}

export type StepState = 'done' | 'current' | 'pending';

export interface StepView {
	/** 0-based, as status.currentStepIndex counts. */
	index: number;
	kind: string;
	/** "setWeight 20", "pause 1h", "pause until promoted", "analysis: success-rate", ... */
	text: string;
	state: StepState;
	/** The current step's live state, null on the others. */
	live: StepLive | null;
}

export interface StepLive {
	/** What the step is doing, in words ("waiting for promote", "analysis run x: Running"). */
	text: string;
	/** A timed pause: when it resumes by itself. */
	resumesAt: string | null;
	/** An analysis step's run, an experiment step's experiment. */
	run: RunRef | null;
}

/** The controller's pause (status.pauseConditions[0], or spec.paused) and when it ends by itself. */
export interface PauseView {
	/** CanaryPauseStep, BlueGreenPause, InconclusiveAnalysisRun, InconclusiveExperiment, or Manual (spec.paused). */
	reason: string;
	startedAt: string | null;
	/** A timed canary pause's end or blue-green auto-promotion; null when only a promote ends it. */
	resumesAt: string | null;
}

export type CountdownKind = 'pause' | 'autoPromotion' | 'scaleDown' | 'abortScaleDown' | 'progressDeadline';

/** Something the controller will do by itself at a time it wrote down (or that follows from its timestamps). */
export interface CountdownView {
	kind: CountdownKind;
	/** RFC 3339. */
	at: string;
	/** The ReplicaSet a scale-down concerns, else ''. */
	subject: string;
}

export interface TrafficRoutingView {
	/** The first router's type (nginx, istio, alb, smi, ambassador, appMesh, traefik, apisix, plugin:<name>). */
	type: string;
	routers: TrafficRouter[];
	maxTrafficWeight: number;
	canaryService: ServiceRef | null;
	stableService: ServiceRef | null;
	/** status.canary.weights; null until the controller writes them. */
	weights: TrafficWeights | null;
}

export interface BlueGreenView {
	autoPromotionEnabled: boolean;
	autoPromotionSeconds: number | null;
	previewReplicaCount: number | null;
	scaleUpPreviewCheckPoint: boolean;
	prePromotion: RunRef | null;
	postPromotion: RunRef | null;
}

/** One Event about the rollout or one of its objects (the JSON's `events` entries). */
export interface EventView {
	type: string; // Normal | Warning
	reason: string;
	message: string;
	count: number;
	lastSeen: string | null;
	object: {kind: string; name: string};
}

export interface RolloutView {
	namespace: string;
	name: string;
	uid: string;
	resourceVersion: string; // UI only: actions are conditional on it
	strategy: Strategy;
	status: string; // Healthy | Degraded | Progressing | Paused | ...
	message: string;
	icon: IconName;
	step: string | null;
	setWeight: number | null;
	actualWeight: number | null;
	replicas: {desired: number; current: number; updated: number; ready: number; available: number};
	images: Array<{image: string; tags: string[]}>;
	/**
	 * active/preview: blue-green only. stable/canary: canary's
	 * stableService/canaryService, when the spec names them.
	 */
	services: {active: ServiceRef | null; preview: ServiceRef | null; stable?: ServiceRef | null; canary?: ServiceRef | null};
	revisions: RevisionView[];
	/** UI only: the newest revision number, and the flags the actions need. */
	currentRevision: number | null;
	paused: boolean; // spec.paused or pause conditions present
	aborted: boolean;
	needsAttention: boolean; // Paused or Degraded: a person should look
	createdAt: string | null;
	restartedAt: string | null;
	/** UI only: when a timed canary pause ends by itself (for a countdown). */
	pauseEndsAt?: string | null;
	/** Canary steps in order; null for blue-green. */
	steps: StepView[] | null;
	pause: PauseView | null;
	/** Timers the controller runs for this rollout, soonest first. */
	countdowns: CountdownView[];
	/** Canary with trafficRouting only. */
	trafficRouting: TrafficRoutingView | null;
	/** Blue-green only. */
	blueGreen: BlueGreenView | null;
	/** What a blue-green rollout waits for in words ("waiting for post-promotion analysis"), else null. */
	stage: string | null;
	workloadRef: WorkloadRefView | null;
	/** The recent events of the rollout and its objects, Warnings first (at most MAX_EVENTS). */
	events: EventView[];
	/** UI only: when the newest Warning among them happened (the list's mark). */
	lastWarningAt: string | null;
}

/** spec.workloadRef and what it points at. */
export interface WorkloadRefView {
	kind: string;
	name: string;
	/** The referenced Deployment is visible (null: a kind rollouts-tui does not read). */
	found: boolean | null;
	/** Its pod template's images: what the rollout deploys. */
	images: string[];
}
