// The view model: what every output (Ink UI, text, JSON) shows. Derived purely
// from ObjectSets by derive.ts. The JSON output is this shape, minus fields
// marked "UI only"; fields named in the README's JSON contract never change.

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

export interface AnalysisRunView {
	name: string;
	status: string;
	icon: IconName;
	revision: number;
	counts: {successful: number; failed: number; inconclusive: number; error: number};
	createdAt: string | null;
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
}
