// Plain JSON shapes of the Kubernetes objects rollouts-tui reads, as the API
// server sends them (timestamps are RFC 3339 strings). Only the domain
// constructors read these; everything is optional because real objects are
// often partial, and the constructors are total.
import {KINDS, type KindSet} from './kinds.js';

export interface OwnerReference {
	apiVersion?: string;
	kind?: string;
	name?: string;
	uid?: string;
	controller?: boolean;
}

export interface ObjectMeta {
	name?: string;
	namespace?: string;
	uid?: string;
	resourceVersion?: string;
	generation?: number;
	creationTimestamp?: string;
	deletionTimestamp?: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	ownerReferences?: OwnerReference[];
}

export interface KubeObject {
	apiVersion?: string;
	kind?: string;
	metadata?: ObjectMeta;
}

export interface Condition {
	type?: string;
	status?: string;
	reason?: string;
	message?: string;
	lastUpdateTime?: string;
	lastTransitionTime?: string;
}

export interface Container {
	name?: string;
	image?: string;
	env?: Array<{name?: string; value?: string; valueFrom?: unknown}>;
	resources?: {limits?: Record<string, string>; requests?: Record<string, string>};
	[key: string]: unknown;
}

export interface PodTemplate {
	metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>};
	spec?: {containers?: Container[]; initContainers?: Container[]; [key: string]: unknown};
}

export interface CanaryStep {
	setWeight?: number;
	pause?: {duration?: string | number};
	analysis?: unknown;
	experiment?: unknown;
	setCanaryScale?: {weight?: number; replicas?: number; matchTrafficWeight?: boolean};
	[key: string]: unknown;
}

export interface AnalysisRunStatusRef {
	name?: string;
	status?: string;
	message?: string;
}

export interface Rollout extends KubeObject {
	spec?: {
		replicas?: number;
		paused?: boolean;
		restartAt?: string;
		selector?: {matchLabels?: Record<string, string>};
		template?: PodTemplate;
		workloadRef?: {apiVersion?: string; kind?: string; name?: string};
		templateResolvedFromRef?: boolean;
		strategy?: {
			blueGreen?: {
				activeService?: string;
				previewService?: string;
				autoPromotionEnabled?: boolean;
				scaleDownDelaySeconds?: number;
				postPromotionAnalysis?: unknown;
				prePromotionAnalysis?: unknown;
			};
			canary?: {
				canaryService?: string;
				stableService?: string;
				steps?: CanaryStep[];
				trafficRouting?: {maxTrafficWeight?: number; [key: string]: unknown};
				pingPong?: {pingService?: string; pongService?: string};
			};
		};
	};
	status?: {
		phase?: string;
		message?: string;
		observedGeneration?: string;
		workloadObservedGeneration?: string;
		controllerPause?: boolean;
		pauseConditions?: Array<{reason?: string; startTime?: string}>;
		abort?: boolean;
		abortedAt?: string;
		promoteFull?: boolean;
		currentPodHash?: string;
		stableRS?: string;
		currentStepIndex?: number;
		currentStepHash?: string;
		restartedAt?: string;
		replicas?: number;
		updatedReplicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		conditions?: Condition[];
		blueGreen?: {
			activeSelector?: string;
			previewSelector?: string;
			prePromotionAnalysisRunStatus?: AnalysisRunStatusRef;
			postPromotionAnalysisRunStatus?: AnalysisRunStatusRef;
		};
		canary?: {
			currentStepAnalysisRunStatus?: AnalysisRunStatusRef;
			currentBackgroundAnalysisRunStatus?: AnalysisRunStatusRef;
			stablePingPong?: string;
			weights?: {canary?: DestinationWeight; stable?: DestinationWeight; additional?: DestinationWeight[]; verified?: boolean};
			currentExperiment?: string;
		};
	};
}

export interface ReplicaSet extends KubeObject {
	spec?: {replicas?: number; template?: PodTemplate; selector?: {matchLabels?: Record<string, string>}};
	status?: {
		replicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		observedGeneration?: number;
		conditions?: Condition[];
	};
}

export interface ContainerStatus {
	name?: string;
	ready?: boolean;
	started?: boolean;
	restartCount?: number;
	state?: {
		waiting?: {reason?: string; message?: string};
		running?: {startedAt?: string};
		terminated?: {reason?: string; exitCode?: number; signal?: number; message?: string; finishedAt?: string};
	};
	lastState?: {terminated?: {reason?: string; exitCode?: number; signal?: number; message?: string; finishedAt?: string}};
}

export interface Pod extends KubeObject {
	spec?: {
		nodeName?: string;
		containers?: Container[];
		initContainers?: Array<Container & {restartPolicy?: string}>;
	};
	status?: {
		phase?: string;
		reason?: string;
		message?: string;
		podIP?: string;
		startTime?: string;
		conditions?: Condition[];
		containerStatuses?: ContainerStatus[];
		initContainerStatuses?: ContainerStatus[];
	};
}

export interface Service extends KubeObject {
	spec?: {
		selector?: Record<string, string>;
		type?: string;
		clusterIP?: string;
		ports?: Array<{name?: string; port?: number; targetPort?: number | string; protocol?: string}>;
	};
}

export interface ServiceBackendPort {
	name?: string;
	number?: number;
}

export interface Ingress extends KubeObject {
	spec?: {
		rules?: Array<{
			host?: string;
			http?: {paths?: Array<{path?: string; pathType?: string; backend?: {service?: {name?: string; port?: ServiceBackendPort}}}>};
		}>;
		defaultBackend?: {service?: {name?: string; port?: ServiceBackendPort}};
	};
}

export interface Deployment extends KubeObject {
	spec?: {
		replicas?: number;
		paused?: boolean;
		selector?: {matchLabels?: Record<string, string>; matchExpressions?: unknown[]};
		template?: PodTemplate;
		strategy?: unknown;
		minReadySeconds?: number;
		revisionHistoryLimit?: number;
		progressDeadlineSeconds?: number;
	};
	status?: {
		replicas?: number;
		updatedReplicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		observedGeneration?: number;
		conditions?: Condition[];
	};
}

export interface DestinationWeight {
	weight?: number;
	serviceName?: string;
	podTemplateHash?: string;
}

export interface Measurement {
	phase?: string;
	value?: string;
	startedAt?: string;
	finishedAt?: string;
	message?: string;
	metadata?: Record<string, string>;
}

export interface AnalysisRun extends KubeObject {
	spec?: {
		metrics?: Array<{
			name?: string;
			interval?: string | number;
			count?: number | string;
			failureLimit?: number | string;
			inconclusiveLimit?: number | string;
			consecutiveErrorLimit?: number | string;
			successCondition?: string;
			failureCondition?: string;
			provider?: Record<string, unknown>;
		}>;
		args?: Array<{name?: string; value?: string}>;
		terminate?: boolean;
	};
	status?: {
		phase?: string;
		message?: string;
		metricResults?: Array<{
			name?: string;
			phase?: string;
			message?: string;
			count?: number;
			successful?: number;
			failed?: number;
			inconclusive?: number;
			error?: number;
			measurements?: Measurement[];
		}>;
	};
}

export interface Experiment extends KubeObject {
	spec?: {templates?: Array<{name?: string; replicas?: number}>; duration?: string};
	status?: {phase?: string; message?: string};
}

/** An Event as events.k8s.io/v1 serves it, or as core/v1 does (the domain constructor reads both). */
export interface Event extends KubeObject {
	type?: string;
	reason?: string;
	/** events.k8s.io/v1 */
	note?: string;
	regarding?: {kind?: string; name?: string; namespace?: string; uid?: string};
	eventTime?: string;
	series?: {count?: number; lastObservedTime?: string};
	deprecatedCount?: number;
	deprecatedLastTimestamp?: string;
	deprecatedFirstTimestamp?: string;
	/** core/v1 */
	message?: string;
	involvedObject?: {kind?: string; name?: string; namespace?: string; uid?: string};
	count?: number;
	lastTimestamp?: string;
	firstTimestamp?: string;
}

/** Every object the model can see at one moment, by kind (one array per row of KINDS). */
export interface ObjectSets {
	rollouts: Rollout[];
	replicaSets: ReplicaSet[];
	pods: Pod[];
	services: Service[];
	ingresses: Ingress[];
	analysisRuns: AnalysisRun[];
	experiments: Experiment[];
	deployments: Deployment[];
	events: Event[];
}

// ObjectSets has exactly one key per kind in the table (a compile-time check).
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const setsMatchKinds: SameKeys<keyof ObjectSets, KindSet> = true;
void setsMatchKinds;

export const emptyObjectSets = (): ObjectSets => {
	const sets: Partial<Record<KindSet, unknown[]>> = {};
	for (const k of KINDS) sets[k.set] = [];
	return sets as ObjectSets;
};
