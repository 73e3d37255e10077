// Realistic objects for the benches, built in code: N rollouts (even = blue-green,
// odd = canary; every other one of each paused mid-update), each with 3
// revisions (ReplicaSets) of 5 pods, its Services and an Ingress. Shapes follow
// examples/bluegreen-paused.yaml. Ages are hours or days, so the AGE column does
// not change within a bench run unless `youngFirst` adds a seconds-old rollout.
import type {Ingress, ObjectSets, Pod, ReplicaSet, Rollout, Service} from '../../source/domain/raw.js';

export const PODS_PER_RS = 5;
export const REVISIONS = 3;
const HOUR = 3_600_000;
const IMAGES = ['argoproj/rollouts-demo:blue', 'argoproj/rollouts-demo:green', 'argoproj/rollouts-demo:yellow'];

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
/** Deterministic 10-character hex, like a pod-template hash. */
const hex = (...parts: number[]) => {
	let h = 2166136261;
	for (const p of parts) h = Math.imul(h ^ p, 16777619) >>> 0;
	return (h.toString(16) + (h * 7).toString(16)).padEnd(10, '0').slice(0, 10);
};
const uid = (kind: number, ...parts: number[]) => {
	const a = hex(kind, ...parts) + hex(...parts, kind);
	return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-8${a.slice(17, 20)}-${hex(kind + 7, ...parts)}ab`;
};

export interface FixtureOptions {
	/** Make rollout 0 (first in the list) 30 s old, so its AGE ticks every second. */
	youngFirst?: boolean;
	namespaces?: number;
}

export function generateObjects(count: number, now = Date.now(), opts: FixtureOptions = {}): ObjectSets {
	const objects: ObjectSets = {rollouts: [], replicaSets: [], pods: [], services: [], ingresses: [], analysisRuns: [], experiments: [], deployments: [], events: []};
	const namespaces = opts.namespaces ?? 4;
	let rv = 10_000;
	for (let i = 0; i < count; i++) {
		const namespace = `team-${i % namespaces}`;
		const name = `app-${String(i).padStart(4, '0')}`;
		const blueGreen = i % 2 === 0;
		const paused = i % 4 >= 2;
		const rolloutUid = uid(1, i);
		// Half an hour off every unit boundary, so no age changes during a run (pods differ by seconds).
		const created = opts.youngFirst && i === 0 ? now - 30_000 : now - 72.5 * HOUR - i * 1000;
		const hashes = [1, 2, 3].map((rev) => hex(i, rev));
		const current = hashes[2]!;
		const stable = paused ? hashes[1]! : current;
		const labels = {app: name};

		for (let rev = 1; rev <= REVISIONS; rev++) {
			const hash = hashes[rev - 1]!;
			const rsUid = uid(2, i, rev);
			const rsCreated = rev === REVISIONS ? now - 20.5 * HOUR : now - (72.5 - rev * 10) * HOUR;
			const image = IMAGES[rev - 1]!;
			const rs: ReplicaSet = {
				apiVersion: 'apps/v1',
				kind: 'ReplicaSet',
				metadata: {
					name: `${name}-${hash}`,
					namespace,
					uid: rsUid,
					resourceVersion: String(rv++),
					generation: 1,
					creationTimestamp: iso(rsCreated),
					labels: {...labels, 'rollouts-pod-template-hash': hash},
					annotations: {'rollout.argoproj.io/desired-replicas': String(PODS_PER_RS), 'rollout.argoproj.io/revision': String(rev)},
					ownerReferences: [{apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name, uid: rolloutUid, controller: true}],
				},
				spec: {
					replicas: PODS_PER_RS,
					selector: {matchLabels: {...labels, 'rollouts-pod-template-hash': hash}},
					template: template(name, image, hash),
				},
				status: {replicas: PODS_PER_RS, readyReplicas: PODS_PER_RS, availableReplicas: PODS_PER_RS, observedGeneration: 1},
			};
			objects.replicaSets.push(rs);
			for (let p = 0; p < PODS_PER_RS; p++) {
				// Every 7th rollout has one new pod still starting.
				const starting = rev === REVISIONS && p === PODS_PER_RS - 1 && i % 7 === 3;
				objects.pods.push(pod(`${name}-${hash}-${hex(i, rev, p).slice(0, 5)}`, namespace, uid(3, i, rev, p), rs, image, rsCreated + p * 1000, starting, rv++));
			}
		}

		const services: Array<[string, string]> = blueGreen
			? [[name, stable], [`${name}-preview`, current]]
			: [[`${name}-stable`, stable], [`${name}-canary`, current]];
		for (const [svcName, hash] of services) objects.services.push(service(svcName, namespace, uid(4, i, svcName.length), hash, labels, rv++));
		objects.ingresses.push(ingress(name, namespace, uid(5, i), services[0]![0], rv++));
		objects.rollouts.push(rollout({name, namespace, uid: rolloutUid, created, blueGreen, paused, current, stable, labels, rv: rv++}));
	}
	return objects;
}

function template(name: string, image: string, hash?: string) {
	return {
		metadata: {labels: {app: name, ...(hash ? {'rollouts-pod-template-hash': hash} : {})}},
		spec: {
			containers: [
				{
					name,
					image,
					imagePullPolicy: 'Always',
					ports: [{containerPort: 8080, name: 'http', protocol: 'TCP'}],
					resources: {requests: {cpu: '5m', memory: '32Mi'}},
				},
			],
		},
	};
}

function pod(name: string, namespace: string, podUid: string, rs: ReplicaSet, image: string, created: number, starting: boolean, rv: number): Pod {
	const t = iso(created);
	const ready = starting ? 'False' : 'True';
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			namespace,
			uid: podUid,
			resourceVersion: String(rv),
			creationTimestamp: t,
			labels: {...rs.metadata!.labels},
			ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata!.name, uid: rs.metadata!.uid, controller: true}],
		},
		spec: {
			nodeName: `kwok-node-${(created / 1000) % 3 | 0}`,
			containers: [{name: 'app', image, imagePullPolicy: 'Always', ports: [{containerPort: 8080, name: 'http', protocol: 'TCP'}]}],
		},
		status: {
			phase: starting ? 'Pending' : 'Running',
			conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
				type,
				status: type === 'Ready' || type === 'ContainersReady' ? ready : 'True',
				lastTransitionTime: t,
			})),
			containerStatuses: [
				{
					name: 'app',
					ready: !starting,
					started: !starting,
					restartCount: 0,
					state: starting ? {waiting: {reason: 'ContainerCreating'}} : {running: {startedAt: t}},
				},
			],
		},
	};
}

function service(name: string, namespace: string, svcUid: string, hash: string, labels: Record<string, string>, rv: number): Service {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name, namespace, uid: svcUid, resourceVersion: String(rv), labels},
		spec: {type: 'ClusterIP', clusterIP: '10.96.0.10', selector: {...labels, 'rollouts-pod-template-hash': hash}},
	};
}

function ingress(name: string, namespace: string, ingUid: string, backend: string, rv: number): Ingress {
	return {
		apiVersion: 'networking.k8s.io/v1',
		kind: 'Ingress',
		metadata: {name, namespace, uid: ingUid, resourceVersion: String(rv)},
		spec: {rules: [{host: `${name}.example.com`, http: {paths: [{path: '/', backend: {service: {name: backend}}}]}}]},
	};
}

interface RolloutArgs {
	name: string;
	namespace: string;
	uid: string;
	created: number;
	blueGreen: boolean;
	paused: boolean;
	current: string;
	stable: string;
	labels: Record<string, string>;
	rv: number;
}

function rollout(a: RolloutArgs): Rollout {
	const steps = [{setWeight: 20}, {pause: {}}, {setWeight: 50}, {pause: {duration: '30s'}}];
	const pauseReason = a.blueGreen ? 'BlueGreenPause' : 'CanaryPauseStep';
	const replicas = PODS_PER_RS;
	return {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Rollout',
		metadata: {
			name: a.name,
			namespace: a.namespace,
			uid: a.uid,
			resourceVersion: String(a.rv),
			generation: 3,
			creationTimestamp: iso(a.created),
			labels: a.labels,
			annotations: {'rollout.argoproj.io/revision': '3'},
		},
		spec: {
			replicas,
			selector: {matchLabels: a.labels},
			template: template(a.name, IMAGES[2]!),
			strategy: a.blueGreen
				? {blueGreen: {activeService: a.name, previewService: `${a.name}-preview`, autoPromotionEnabled: false}}
				: {canary: {stableService: `${a.name}-stable`, canaryService: `${a.name}-canary`, steps}},
		},
		status: {
			phase: a.paused ? 'Paused' : 'Healthy',
			message: a.paused ? pauseReason : '',
			observedGeneration: '3',
			currentPodHash: a.current,
			stableRS: a.stable,
			replicas: a.paused && a.blueGreen ? replicas * 2 : replicas,
			updatedReplicas: replicas,
			readyReplicas: replicas,
			availableReplicas: replicas,
			...(a.paused ? {controllerPause: true, pauseConditions: [{reason: pauseReason, startTime: iso(a.created)}]} : {}),
			...(a.blueGreen
				? {blueGreen: {activeSelector: a.stable, previewSelector: a.current}}
				: {currentStepIndex: a.paused ? 1 : steps.length, canary: {}}),
			conditions: [{type: 'Available', status: 'True', reason: 'AvailableReason', message: 'Rollout has minimum availability'}],
		},
	};
}

export const countObjects = (o: ObjectSets) =>
	o.rollouts.length + o.replicaSets.length + o.pods.length + o.services.length + o.ingresses.length;

/** The objects with one rollout's ready count changed (a visible READY cell in the list). */
export function withReady(objects: ObjectSets, index: number, ready: number): Partial<ObjectSets> {
	const rollouts = [...objects.rollouts];
	const ro = rollouts[index]!;
	rollouts[index] = {...ro, status: {...ro.status, readyReplicas: ready}} satisfies Rollout;
	return {rollouts};
}

/** The objects with one pod turned ready or not ready. */
export function withPodReady(objects: ObjectSets, podName: string, ready: boolean): Partial<ObjectSets> {
	const pods = objects.pods.map((p): Pod => {
		if (p.metadata?.name !== podName) return p;
		const status = p.status ?? {};
		return {
			...p,
			status: {
				...status,
				conditions: status.conditions?.map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? {...c, status: ready ? 'True' : 'False'} : c)),
				containerStatuses: status.containerStatuses?.map((c) => ({...c, ready})),
			},
		};
	});
	return {pods};
}
