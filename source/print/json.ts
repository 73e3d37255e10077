// `--output json`: the documented JSON contract. Contract fields keep their
// names and order; a few extra fields follow them. Icons and other UI-only
// details are left out.

import {remainingSeconds} from '../model/countdowns.js';
import type {AnalysisRunView, ExperimentView, MetricView, PauseView, PodView, ReplicaSetView, RolloutView, ServiceRef, TrafficRoutingView} from '../model/view.js';
import type {IngressSwitch} from '../model/ingress-switch.js';
import {switchJson} from './switch-print.js';
import {jsonForTerminal} from '../terminal/sanitize.js';

const service = (ref: ServiceRef | null | undefined) =>
	ref == null
		? null
		: {
				name: ref.name,
				hash: ref.hash,
				exists: ref.exists,
				replicaSet: ref.replicaSet,
				revision: ref.revision,
				hosts: ref.hosts,
			};

const pod = (p: PodView) => ({
	name: p.name,
	status: p.status,
	ready: p.ready,
	restarts: p.restarts,
	state: p.state,
	createdAt: p.createdAt,
});

const replicaSet = (rs: ReplicaSetView) => ({
	name: rs.name,
	hash: rs.hash,
	status: rs.status,
	tags: rs.tags,
	scaleDownDelay: rs.scaleDownDelay,
	pods: rs.pods.map(pod),
	revision: rs.revision,
	scaleDownDeadline: rs.scaleDownDeadline,
	replicas: {desired: rs.desired, current: rs.current, ready: rs.ready, available: rs.available},
	images: rs.images,
	createdAt: rs.createdAt,
	...(rs.template === undefined ? {} : {template: rs.template}),
});

const metric = (m: MetricView) => ({
	name: m.name,
	provider: m.provider,
	phase: m.phase,
	successCondition: m.successCondition,
	failureCondition: m.failureCondition,
	count: m.count,
	failureLimit: m.failureLimit,
	inconclusiveLimit: m.inconclusiveLimit,
	successful: m.successful,
	failed: m.failed,
	inconclusive: m.inconclusive,
	error: m.error,
	measurements: m.measurements.map((x) => ({phase: x.phase, value: x.value, startedAt: x.startedAt, finishedAt: x.finishedAt, message: x.message})),
	interval: m.interval,
	consecutiveErrorLimit: m.consecutiveErrorLimit,
	message: m.message,
});

const analysisRun = (run: AnalysisRunView) => ({
	name: run.name,
	status: run.status,
	counts: run.counts,
	createdAt: run.createdAt,
	kind: run.kind,
	message: run.message,
	metrics: run.metrics.map(metric),
	stepIndex: run.stepIndex,
});

const pause = (p: PauseView | null, now: number) =>
	p === null ? null : {reason: p.reason, startedAt: p.startedAt, resumesAt: p.resumesAt, remainingSeconds: remainingSeconds(p.resumesAt, now)};

const trafficRouting = (t: TrafficRoutingView | null) =>
	t === null
		? null
		: {
				type: t.type,
				canaryService: service(t.canaryService),
				stableService: service(t.stableService),
				weights: t.weights,
				routers: t.routers,
				maxTrafficWeight: t.maxTrafficWeight,
			};

const experiment = (exp: ExperimentView) => ({
	name: exp.name,
	status: exp.status,
	message: exp.message,
	createdAt: exp.createdAt,
	replicaSets: (exp.replicaSets ?? []).map(replicaSet),
	analysisRuns: (exp.analysisRuns ?? []).map(analysisRun),
});

const rollout = (v: RolloutView, now: number) => ({
	namespace: v.namespace,
	name: v.name,
	strategy: v.strategy,
	status: v.status,
	message: v.message,
	step: v.step,
	setWeight: v.setWeight,
	actualWeight: v.actualWeight,
	replicas: v.replicas,
	images: v.images.map((i) => ({image: i.image, tags: i.tags})),
	services: {
		active: service(v.services.active),
		preview: service(v.services.preview),
		...(v.strategy === 'Canary' ? {stable: service(v.services.stable), canary: service(v.services.canary)} : {}),
	},
	revisions: v.revisions.map((r) => ({
		revision: r.revision,
		replicaSets: r.replicaSets.map(replicaSet),
		analysisRuns: r.analysisRuns.map(analysisRun),
		experiments: r.experiments.map(experiment),
	})),
	uid: v.uid,
	currentRevision: v.currentRevision,
	paused: v.paused,
	aborted: v.aborted,
	needsAttention: v.needsAttention,
	createdAt: v.createdAt,
	restartedAt: v.restartedAt,
	steps: v.steps === null ? null : v.steps.map((s) => ({index: s.index, kind: s.kind, text: s.text, state: s.state})),
	pause: pause(v.pause, now),
	trafficRouting: trafficRouting(v.trafficRouting),
	workloadRef: v.workloadRef === null ? null : {kind: v.workloadRef.kind, name: v.workloadRef.name, found: v.workloadRef.found, images: v.workloadRef.images},
	countdowns: v.countdowns.map((c) => ({kind: c.kind, at: c.at, subject: c.subject, remainingSeconds: remainingSeconds(c.at, now)})),
	blueGreen: v.blueGreen,
	stage: v.stage,
	events: v.events.map((e) => ({
		type: e.type,
		reason: e.reason,
		message: e.message,
		count: e.count,
		lastSeen: e.lastSeen,
		object: {kind: e.object.kind, name: e.object.name},
	})),
});

/** `{"rollouts":[...],"ingressSwitches":[...]}`, pretty-printed with 2 spaces, ending in a newline; `now` counts the remaining seconds. */
export function toJson(views: readonly RolloutView[], now: number = Date.now(), switches: readonly IngressSwitch[] = []): string {
	return `${jsonForTerminal(JSON.stringify({rollouts: views.map((v) => rollout(v, now)), ingressSwitches: switches.map(switchJson)}, null, 2))}\n`;
}
