// Hand-written Rollouts and ReplicaSets in the states the action tests need.
import type {CanaryStep, PodTemplate, ReplicaSet, Rollout} from '../../source/domain/raw.js';

export const UID = 'uid-1234';

export function template(image: string, extra: Partial<PodTemplate> = {}): PodTemplate {
	return {
		metadata: {labels: {app: 'demo'}},
		spec: {containers: [{name: 'demo', image, ports: [{name: 'http', containerPort: 8080, protocol: 'TCP'}]}]},
		...extra,
	};
}

/** A ReplicaSet as the API server returns it: hash label, revision, defaults filled in. */
export function replicaSet(name: string, hash: string, revision: number | string | null, image: string, owner = UID): ReplicaSet {
	const annotations: Record<string, string> = {};
	if (revision !== null) annotations['rollout.argoproj.io/revision'] = String(revision);
	return {
		metadata: {
			name: `${name}-${hash}`,
			namespace: 'shop',
			labels: {app: 'demo', 'rollouts-pod-template-hash': hash},
			annotations,
			ownerReferences: [{apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name, uid: owner, controller: true}],
		},
		spec: {
			replicas: 2,
			template: {
				metadata: {labels: {app: 'demo', 'rollouts-pod-template-hash': hash}},
				spec: {
					containers: [
						{
							name: 'demo',
							image,
							ports: [{name: 'http', containerPort: 8080, protocol: 'TCP'}],
							imagePullPolicy: 'IfNotPresent',
							terminationMessagePath: '/dev/termination-log',
							resources: {},
						},
					],
					restartPolicy: 'Always',
					dnsPolicy: 'ClusterFirst',
					securityContext: {},
				},
			},
		},
	};
}

export const BLUE = 'argoproj/rollouts-demo:blue';
export const GREEN = 'argoproj/rollouts-demo:green';
export const YELLOW = 'argoproj/rollouts-demo:yellow';

/** revision 1 = blue (hash aaa), revision 2 = green (hash bbb). */
export function blueGreenReplicaSets(): ReplicaSet[] {
	return [replicaSet('bluegreen-demo', 'aaa', 1, BLUE), replicaSet('bluegreen-demo', 'bbb', 2, GREEN)];
}

type RolloutStatus = NonNullable<Rollout['status']>;

/** A blue-green rollout mid-update: green (bbb) is the preview, blue (aaa) active and stable. */
export function blueGreen(status: Partial<RolloutStatus> = {}, spec: Partial<NonNullable<Rollout['spec']>> = {}): Rollout {
	return {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Rollout',
		metadata: {name: 'bluegreen-demo', namespace: 'shop', uid: UID, resourceVersion: '4711'},
		spec: {
			replicas: 2,
			selector: {matchLabels: {app: 'demo'}},
			template: template(GREEN),
			strategy: {
				blueGreen: {activeService: 'bluegreen-demo', previewService: 'bluegreen-demo-preview', autoPromotionEnabled: false},
			},
			...spec,
		},
		status: {
			currentPodHash: 'bbb',
			stableRS: 'aaa',
			blueGreen: {activeSelector: 'aaa', previewSelector: 'bbb'},
			...status,
		},
	};
}

export const pausedBlueGreen = (): Rollout =>
	blueGreen({
		controllerPause: true,
		pauseConditions: [{reason: 'BlueGreenPause', startTime: '2026-01-01T00:00:00Z'}],
		phase: 'Paused',
	});

/** Fully promoted: green is active and stable, nothing in progress. */
export const healthyBlueGreen = (): Rollout =>
	blueGreen({currentPodHash: 'bbb', stableRS: 'bbb', blueGreen: {activeSelector: 'bbb', previewSelector: 'bbb'}, phase: 'Healthy'});

export const abortedBlueGreen = (): Rollout => blueGreen({abort: true, abortedAt: '2026-01-01T00:01:00Z', phase: 'Degraded'});

export const STEPS: CanaryStep[] = [{setWeight: 20}, {pause: {}}, {setWeight: 60}];

export function canaryReplicaSets(): ReplicaSet[] {
	return [replicaSet('canary-demo', 'ccc', 1, BLUE), replicaSet('canary-demo', 'ddd', 2, YELLOW)];
}

/** A canary rollout updating from blue (ccc, stable) to yellow (ddd). */
export function canary(status: Partial<RolloutStatus> = {}, spec: Partial<NonNullable<Rollout['spec']>> = {}): Rollout {
	return {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Rollout',
		metadata: {name: 'canary-demo', namespace: 'shop', uid: UID, resourceVersion: '815'},
		spec: {
			replicas: 5,
			selector: {matchLabels: {app: 'demo'}},
			template: template(YELLOW),
			strategy: {canary: {stableService: 'canary-demo', canaryService: 'canary-demo-canary', steps: STEPS}},
			...spec,
		},
		status: {currentPodHash: 'ddd', stableRS: 'ccc', currentStepIndex: 0, ...status},
	};
}

/** Paused by the `pause: {}` step (index 1). */
export const pausedCanary = (): Rollout =>
	canary({
		currentStepIndex: 1,
		controllerPause: true,
		pauseConditions: [{reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:00Z'}],
	});
