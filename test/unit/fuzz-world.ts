// The fuzz test's material: a small valid world of objects (one blue-green
// and two canary rollouts with their ReplicaSets, pods, Services, an Ingress,
// an AnalysisRun and an Experiment), and fast-check arbitraries for hostile
// values and for mutations of that world.
import fc from 'fast-check';
import type {KubeObject, ObjectSets} from '../../source/domain/raw.js';
import {blueGreen, canary, objects, pod, replicaSet} from './builders.js';
import {classic} from './manual-objects.js';

/** A fresh copy of the valid world; rollouts are named ro-0 (blue-green), ro-1 and ro-2 (canaries in a timed pause) in namespace "default". */
export function validWorld(): ObjectSets {
	const world = objects();
	const rollouts = [
		blueGreen({metadata: {name: 'ro-0', uid: 'ro-0-uid'}, spec: {strategy: {blueGreen: {activeService: 'ro-0-active', previewService: 'ro-0-preview'}}}}),
		canary({
			metadata: {name: 'ro-1', uid: 'ro-1-uid'},
			spec: {strategy: {canary: {steps: [{setWeight: 50}, {pause: {duration: 3600}}]}}},
			status: {currentStepIndex: 1, pauseConditions: [{reason: 'CanaryPauseStep', startTime: '2026-11-09T15:00:00Z'}]},
		}),
		canary({
			metadata: {name: 'ro-2', uid: 'ro-2-uid'},
			spec: {strategy: {canary: {stableService: 'ro-2-stable', canaryService: 'ro-2-canary', steps: [{setWeight: 20}, {pause: {duration: '5m'}}, {setWeight: 60}]}}},
			status: {currentStepIndex: 1, currentPodHash: 'bbb', pauseConditions: [{reason: 'CanaryPauseStep', startTime: '2026-11-09T15:30:00Z'}]},
		}),
	];
	world.rollouts.push(...rollouts);
	rollouts.forEach((ro, r) => {
		for (const [revision, hash] of [[1, 'aaa'], [2, 'bbb']] as const) {
			const name = `ro-${r}-${hash}`;
			world.replicaSets.push(replicaSet(name, hash, revision, {metadata: {ownerReferences: [{kind: 'Rollout', uid: `ro-${r}-uid`, controller: true}]}}));
			for (let i = 0; i < 2; i++) world.pods.push(pod(`${name}-${i}`, `${name}-uid`));
		}
		for (const role of ['active', 'preview', 'stable', 'canary']) {
			world.services.push({kind: 'Service', metadata: {name: `ro-${r}-${role}`, namespace: 'default'}, spec: {selector: {'rollouts-pod-template-hash': 'aaa'}}} as KubeObject);
		}
	});
	// Hand-made blue-green (namespace shop): Deployments blue/green, their Services and demo-ingress.
	const manual = classic();
	world.deployments.push(...manual.deployments);
	world.services.push(...manual.services);
	world.ingresses.push(...manual.ingresses);
	world.pods.push(...manual.pods);
	world.ingresses.push({kind: 'Ingress', metadata: {name: 'ing', namespace: 'default'}, spec: {rules: [{host: 'shop.example', http: {paths: [{backend: {service: {name: 'ro-2-stable'}}}]}}]}});
	world.analysisRuns.push({
		kind: 'AnalysisRun',
		metadata: {name: 'run', namespace: 'default', uid: 'run-uid', annotations: {'rollout.argoproj.io/revision': '2'}, ownerReferences: [{uid: 'ro-2-uid'}]},
		spec: {metrics: [{name: 'm', count: 3, successCondition: 'result < 1', provider: {web: {url: 'http://127.0.0.1/'}}}]},
		status: {phase: 'Running', metricResults: [{name: 'm', successful: 2, failed: 1, measurements: [{phase: 'Failed', value: '7', startedAt: '2026-11-09T15:30:00Z'}]}]},
	});
	world.events.push(
		{kind: 'Event', metadata: {name: 'ev-ro', namespace: 'default'}, regarding: {kind: 'Rollout', name: 'ro-0', uid: 'ro-0-uid'}, type: 'Warning', reason: 'RolloutAborted', note: 'aborted', deprecatedCount: 2, deprecatedLastTimestamp: '2026-11-09T15:34:00Z'} as KubeObject,
		{kind: 'Event', metadata: {name: 'ev-pod', namespace: 'default'}, involvedObject: {kind: 'Pod', name: 'ro-1-aaa-0'}, type: 'Normal', reason: 'Pulled', message: 'pulled', count: 1, lastTimestamp: '2026-11-09T15:33:00Z'} as KubeObject,
	);
	world.deployments.push({kind: 'Deployment', metadata: {name: 'ro-2', namespace: 'default', uid: 'dep-uid'}, spec: {replicas: 0, template: {spec: {containers: [{name: 'c', image: 'app:1'}]}}}} as KubeObject);
	world.experiments.push({
		kind: 'Experiment',
		metadata: {name: 'exp', namespace: 'default', uid: 'exp-uid', annotations: {'rollout.argoproj.io/revision': '2'}, ownerReferences: [{uid: 'ro-2-uid'}]},
		status: {phase: 'Running', message: 'going'},
	});
	return world;
}

const CONTROL = ['\u0000', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u001b[2J', '\u001b]0;pwned\u0007', '\u001b]52;c;ZXZpbA==\u0007', '\u007f', '\u009b', '\u0085'];
const BIDI = ['\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u061c'];
const WIDE = ['界', '👩‍👩‍👧', '\u0301', '\ud800', 'a'];

/** Strings an attacker or a broken controller might write: control and bidi characters, wide and broken Unicode, huge. */
const hostileString = fc.oneof(
	fc.string({unit: fc.constantFrom(...CONTROL, ...BIDI, ...WIDE), maxLength: 12}),
	fc.constantFrom('', ' ', '-', '/', 'Healthy', 'Paused', 'aaa', 'bbb', 'ro-0-uid', '99999999999999999999h', '1e308', '-5', '+275760-09-13T00:00:00Z', '2024-13-45T99:99:99Z', '__proto__', 'constructor'),
	fc.tuple(fc.constantFrom('x', '\u001b', '界', '\u202e'), fc.integer({min: 600, max: 5000})).map(([ch, n]) => ch.repeat(n)),
);

/** Numbers that are absurd for every field they land in. */
const hostileNumber = fc.oneof(
	{weight: 3, arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, -(2 ** 31), 99_999_999_999_999_999_999, Number.NaN, Infinity, -Infinity, -0, -1)},
	{weight: 1, arbitrary: fc.double()},
	{weight: 1, arbitrary: fc.integer()},
);

/** 1 to 300 levels of arrays or objects around a value. */
const deepNest = fc.tuple(fc.integer({min: 1, max: 300}), fc.boolean()).map(([depth, arrays]) => {
	let value: unknown = 'deep';
	for (let i = 0; i < depth; i++) value = arrays ? [value] : {k: value};
	return value;
});

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
	{weight: 3, arbitrary: hostileString},
	{weight: 4, arbitrary: hostileNumber},
	{weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, [], {})},
	{weight: 1, arbitrary: deepNest},
	{weight: 1, arbitrary: fc.array(fc.oneof(hostileString, hostileNumber, fc.constant(null)), {maxLength: 5})},
	{weight: 1, arbitrary: fc.dictionary(hostileString, fc.oneof(hostileString, hostileNumber), {maxKeys: 3})},
);

type Path = readonly (string | number)[];
const METADATA: Path[] = [
	['metadata'], ['metadata', 'name'], ['metadata', 'namespace'], ['metadata', 'uid'], ['metadata', 'labels'],
	['metadata', 'labels', 'rollouts-pod-template-hash'], ['metadata', 'annotations'], ['metadata', 'annotations', 'rollout.argoproj.io/revision'],
	['metadata', 'annotations', 'scale-down-deadline'], ['metadata', 'ownerReferences'], ['metadata', 'ownerReferences', 0, 'uid'],
	['metadata', 'creationTimestamp'], ['metadata', 'deletionTimestamp'], ['metadata', 'generation'], ['spec'], ['status'],
];
/** The fields the model reads, per kind, so that mutations hit something. */
const PATHS: Record<Kind, Path[]> = {
	rollouts: [
		['spec', 'replicas'], ['spec', 'paused'], ['spec', 'strategy'], ['spec', 'strategy', 'blueGreen'], ['spec', 'strategy', 'canary', 'steps'],
		['spec', 'strategy', 'canary', 'steps', 1], ['spec', 'strategy', 'canary', 'steps', 1, 'pause', 'duration'],
		['spec', 'strategy', 'canary', 'steps', 0, 'setWeight'], ['spec', 'strategy', 'canary', 'trafficRouting'],
		['spec', 'strategy', 'canary', 'trafficRouting', 'maxTrafficWeight'], ['spec', 'template', 'spec', 'containers', 0, 'image'],
		['status', 'phase'], ['status', 'message'], ['status', 'replicas'], ['status', 'availableReplicas'], ['status', 'currentStepIndex'],
		['status', 'currentPodHash'], ['status', 'stableRS'], ['status', 'pauseConditions'], ['status', 'pauseConditions', 0, 'startTime'],
		['status', 'conditions'], ['status', 'blueGreen', 'activeSelector'], ['status', 'canary', 'weights', 'canary', 'weight'], ['status', 'abort'],
		['spec', 'strategy', 'canary', 'steps', 2, 'analysis', 'templates'], ['spec', 'strategy', 'canary', 'trafficRouting', 'nginx'],
		['spec', 'strategy', 'blueGreen', 'autoPromotionSeconds'], ['spec', 'progressDeadlineSeconds'], ['spec', 'workloadRef'],
		['status', 'pauseConditions', 0, 'reason'], ['status', 'canary', 'weights', 'additional'], ['status', 'canary', 'currentStepAnalysisRunStatus'],
		['status', 'conditions', 0, 'lastUpdateTime'],
	],
	replicaSets: [
		['spec', 'replicas'], ['spec', 'template', 'spec', 'containers'], ['spec', 'template', 'spec', 'containers', 0, 'image'],
		['status', 'replicas'], ['status', 'availableReplicas'], ['status', 'readyReplicas'], ['status', 'observedGeneration'], ['status', 'conditions'],
	],
	pods: [
		['spec', 'containers'], ['spec', 'initContainers'], ['status', 'phase'], ['status', 'reason'], ['status', 'containerStatuses'],
		['status', 'containerStatuses', 0, 'restartCount'], ['status', 'containerStatuses', 1, 'restartCount'], ['status', 'containerStatuses', 0, 'state'],
		['status', 'containerStatuses', 0, 'state', 'terminated', 'exitCode'], ['status', 'initContainerStatuses'],
	],
	services: [['spec', 'selector'], ['spec', 'selector', 'rollouts-pod-template-hash'], ['spec', 'ports'], ['spec', 'ports', 0, 'port']],
	ingresses: [['spec', 'rules'], ['spec', 'rules', 0, 'host'], ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'name']],
	analysisRuns: [
		['status', 'phase'], ['status', 'metricResults'], ['status', 'metricResults', 0, 'successful'], ['status', 'metricResults', 1, 'failed'],
		['spec', 'metrics'], ['spec', 'metrics', 0, 'count'], ['spec', 'metrics', 0, 'provider'], ['status', 'metricResults', 0, 'measurements'],
		['status', 'metricResults', 0, 'measurements', 0, 'value'], ['metadata', 'labels', 'rollout-type'], ['metadata', 'labels', 'step-index'],
	],
	experiments: [['status', 'phase'], ['status', 'message'], ['spec', 'templates']],
	deployments: [
		['spec', 'template'], ['spec', 'template', 'spec', 'containers', 0, 'image'], ['spec', 'replicas'], ['spec', 'selector', 'matchLabels'],
		['spec', 'template', 'metadata', 'labels'], ['spec', 'template', 'spec', 'containers'], ['status', 'readyReplicas'],
		['metadata', 'annotations', 'rollouts-tui/scaled-down-from'],
	],
	events: [
		['type'], ['reason'], ['note'], ['message'], ['regarding'], ['regarding', 'uid'], ['regarding', 'kind'], ['involvedObject'],
		['series', 'count'], ['deprecatedCount'], ['deprecatedLastTimestamp'], ['eventTime'],
	],
};

export type Mutation =
	| {type: 'set'; kind: keyof ObjectSets; index: number; path: readonly (string | number)[]; value: TypedValue}
	| {type: 'copy'; kind: keyof ObjectSets; index: number; field: 'name' | 'uid'; fromKind: keyof ObjectSets; from: number}
	| {type: 'dangle'; kind: keyof ObjectSets; index: number; uid: string}
	| {type: 'replace'; kind: keyof ObjectSets; index: number; value: unknown};

/** A hostile value of each type: a field keeps its type (with an absurd value) when `sameType`, else gets `any`. */
interface TypedValue {
	number: number;
	string: string;
	any: unknown;
	sameType: boolean;
}
const typedValue: fc.Arbitrary<TypedValue> = fc.record({number: hostileNumber, string: hostileString, any: hostileValue, sameType: fc.boolean()});

type Kind = keyof ObjectSets;
// Rollouts, ReplicaSets and pods carry most of what the model reads.
const kind: fc.Arbitrary<Kind> = fc.oneof(
	{weight: 3, arbitrary: fc.constant('rollouts' as const)},
	{weight: 2, arbitrary: fc.constantFrom('replicaSets' as const, 'pods' as const)},
	{weight: 1, arbitrary: fc.constantFrom('services' as const, 'ingresses' as const, 'analysisRuns' as const, 'experiments' as const)},
);
const set = kind.chain(k =>
	fc.record({type: fc.constant('set' as const), kind: fc.constant(k), index: fc.nat(20), path: fc.constantFrom(...METADATA, ...PATHS[k]), value: typedValue}),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	{weight: 8, arbitrary: set},
	{weight: 1, arbitrary: fc.record({type: fc.constant('copy' as const), kind, index: fc.nat(20), field: fc.constantFrom('name' as const, 'uid' as const), fromKind: kind, from: fc.nat(20)})},
	{weight: 1, arbitrary: fc.record({type: fc.constant('dangle' as const), kind, index: fc.nat(20), uid: fc.constantFrom('nobody', 'ro-0-uid', 'ro-1-aaa-uid', '')})},
	{weight: 1, arbitrary: fc.record({type: fc.constant('replace' as const), kind, index: fc.nat(20), value: hostileValue})},
);

/** Applies the mutations in place; returns the names of the rollouts whose own object was touched. */
export function mutate(world: ObjectSets, mutations: readonly Mutation[]): Set<number> {
	const touched = new Set<number>();
	const items = world as unknown as Record<string, unknown[]>;
	for (const m of mutations) {
		const list = items[m.kind]!;
		if (list.length === 0) continue;
		const index = m.index % list.length;
		if (m.kind === 'rollouts') touched.add(index);
		if (m.type === 'replace') list[index] = m.value;
		else if (m.type === 'set') setPath(list[index], m.path, pickValue(getPath(list[index], m.path), m.value));
		else if (m.type === 'dangle') setPath(list[index], ['metadata', 'ownerReferences'], [{uid: m.uid}, {uid: m.uid}]);
		else {
			const source = items[m.fromKind]!;
			const from = source[m.from % source.length] as {metadata?: Record<string, unknown>} | undefined;
			setPath(list[index], ['metadata', m.field], from?.metadata?.[m.field]);
		}
	}
	return touched;
}

function pickValue(current: unknown, value: TypedValue): unknown {
	if (!value.sameType) return value.any;
	return typeof current === 'number' ? value.number : typeof current === 'string' ? value.string : value.any;
}

function getPath(target: unknown, path: readonly (string | number)[]): unknown {
	let node = target;
	for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined;
	return node;
}

/** Sets (or, for undefined, deletes) the value at `path`, creating objects on the way; gives up at a non-object. */
function setPath(target: unknown, path: readonly (string | number)[], value: unknown): void {
	let node = target;
	for (let i = 0; i < path.length - 1; i++) {
		if (typeof node !== 'object' || node === null) return;
		const record = node as Record<string | number, unknown>;
		const key = path[i]!;
		padArray(node, key);
		if (typeof record[key] !== 'object' || record[key] === null) record[key] = typeof path[i + 1] === 'number' ? [] : {};
		node = record[key];
	}
	if (typeof node !== 'object' || node === null) return;
	const record = node as Record<string | number, unknown>;
	const last = path[path.length - 1]!;
	padArray(node, last);
	if (value === undefined) delete record[last];
	else record[last] = value;
}

/** Parsed JSON and YAML have no array holes: pad with nulls up to `key`, as a file would. */
function padArray(node: object, key: string | number): void {
	if (Array.isArray(node) && typeof key === 'number') while (node.length < key) node.push(null);
}
