// Detection of hand-made blue-green: which Ingress rules switch traffic
// between Deployments by having their backend edited. Pure.
//
// The rule (documented in the README, "Blue-green without Argo"):
// an Ingress rule path (host, path) is a switch when
//   1. its backend Service selects the pods of a Deployment in the same
//      namespace (the Service's selector is a subset of the Deployment's pod
//      template labels): the LIVE side;
//   2. at least one other Deployment there is of the same family: the same
//      container names, each container with the same image repository, and
//      at least one with another tag: an IDLE side;
//   3. each idle Deployment has a Service that selects it (and no other
//      Deployment of the family) and exposes the port the backend uses
//      (the same number, or the same name when the backend names its port).
// Families the rule misses are declared explicitly (SwitchOverride).
import type {DeploymentObject} from '../domain/deployment.js';
import type {DomainSets} from '../domain/normalise.js';
import type {PodObject} from '../domain/pod.js';
import type {BackendPort, IngressObject, IngressRoute, ServiceObject} from '../domain/service.js';
import type {IngressSwitch, SwitchOverride, SwitchSide} from './ingress-switch-view.js';
import {podViews} from './pod.js';
import {byString} from './safe.js';

export type {IngressSwitch, SwitchOverride, SwitchSide} from './ingress-switch-view.js';
export {readyText} from './ingress-switch-view.js';

type Sets = Pick<DomainSets, 'deployments' | 'services' | 'ingresses' | 'pods'>;

/** True when every key=value of `selector` is in `labels`; an empty selector selects nothing. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
	const keys = Object.keys(selector);
	if (keys.length === 0) return false;
	return keys.every((k) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === selector[k]);
}

/** An image split into repository and tag (or digest); "latest" when it has neither. */
export function imageRepository(image: string): {repository: string; tag: string} {
	const at = image.indexOf('@');
	if (at >= 0) return {repository: image.slice(0, at), tag: image.slice(at + 1)};
	const colon = image.lastIndexOf(':');
	if (colon > image.lastIndexOf('/')) return {repository: image.slice(0, colon), tag: image.slice(colon + 1)};
	return {repository: image, tag: 'latest'};
}

/** Rule 2: the same container names and repositories, and another tag somewhere. */
export function sameFamily(a: DeploymentObject, b: DeploymentObject): boolean {
	if (a.containers.length === 0 || a.containers.length !== b.containers.length) return false;
	let anotherTag = false;
	for (const c of a.containers) {
		const other = b.containers.find((o) => o.name === c.name);
		if (!other) return false;
		const x = imageRepository(c.image);
		const y = imageRepository(other.image);
		if (x.repository !== y.repository) return false;
		if (x.tag !== y.tag) anotherTag = true;
	}
	return anotherTag;
}

/** Rule 3's port: the backend's port number or name exposed by the Service (any port when the backend names none). */
export function exposesPort(service: ServiceObject, port: BackendPort): boolean {
	if (port.number !== null) return service.ports.some((p) => p.port === port.number);
	if (port.name !== '') return service.ports.some((p) => p.name === port.name);
	return service.ports.length > 0;
}

/** One namespace's objects, looked up by the rule. */
class Namespace {
	constructor(
		readonly deployments: DeploymentObject[],
		readonly services: ServiceObject[],
		readonly pods: PodObject[],
	) {}
	service(name: string) {
		return this.services.find((s) => s.meta.name === name);
	}
	deployment(name: string) {
		return this.deployments.find((d) => d.meta.name === name);
	}
	/** Deployments whose pods this Service selects (by their pod template). */
	selectedDeployments(svc: ServiceObject) {
		return this.deployments.filter((d) => selects(svc.selector, d.templateLabels));
	}
	podsOf(d: DeploymentObject) {
		return d.hasSelectorExpressions ? [] : this.pods.filter((p) => selects(d.matchLabels, p.labels));
	}
	selectedPods(svc: ServiceObject) {
		return this.pods.filter((p) => selects(svc.selector, p.labels));
	}
}

function groupByNamespace(sets: Sets): Map<string, Namespace> {
	const out = new Map<string, Namespace>();
	const get = (ns: string) => {
		let n = out.get(ns);
		if (!n) out.set(ns, (n = new Namespace([], [], [])));
		return n;
	};
	for (const d of sets.deployments) get(d.meta.namespace).deployments.push(d);
	for (const s of sets.services) get(s.meta.namespace).services.push(s);
	for (const p of sets.pods) get(p.meta.namespace).pods.push(p);
	return out;
}

function side(ns: Namespace, svc: ServiceObject, d: DeploymentObject): SwitchSide {
	const servedReady = podViews(ns.selectedPods(svc)).filter((p) => p.state === 'ready').length;
	return {
		service: svc.meta.name,
		deployment: d.meta.name,
		images: d.images,
		desired: d.replicas ?? 1,
		ready: d.readyReplicas,
		servedReady,
		scaledDownFrom: d.scaledDownFrom,
		pods: podViews(ns.podsOf(d)),
		deploymentResourceVersion: d.meta.resourceVersion,
	};
}

/** Rule 3: the one Service that selects this Deployment, no other of the family, and exposes the port. */
function serviceFor(ns: Namespace, d: DeploymentObject, family: DeploymentObject[], port: BackendPort): ServiceObject | undefined {
	return ns.services.find(
		(s) => selects(s.selector, d.templateLabels) && family.every((o) => o === d || !selects(s.selector, o.templateLabels)) && exposesPort(s, port),
	);
}

function ruleSwitch(ns: Namespace, ing: IngressObject, route: IngressRoute): IngressSwitch | null {
	const svc = ns.service(route.service);
	if (!svc) return null;
	const selected = ns.selectedDeployments(svc);
	// The live Deployment: the one whose pods the backend selects (most ready first when it is two).
	const live = [...selected].sort((a, b) => b.readyReplicas - a.readyReplicas || byString(a.meta.name, b.meta.name))[0];
	if (!live) return null;
	const family = ns.deployments.filter((d) => d !== live && !selected.includes(d) && sameFamily(live, d));
	const idle: SwitchSide[] = [];
	for (const d of family) {
		const s = serviceFor(ns, d, [live, ...family], route.port);
		if (s) idle.push(side(ns, s, d));
	}
	if (idle.length === 0) return null;
	return finish(ns, ing, route, side(ns, svc, live), idle, 'rule');
}

function overrideSwitch(ns: Namespace, ing: IngressObject, route: IngressRoute, o: SwitchOverride): IngressSwitch | null {
	const pairs = o.sides.map((p) => ({svc: ns.service(p.service), d: ns.deployment(p.deployment), name: p.service}));
	const liveIndex = pairs.findIndex((p) => p.name === route.service);
	const live = pairs[liveIndex];
	if (!live?.svc || !live.d) return null;
	const idle = pairs.flatMap((p, i) => (i !== liveIndex && p.svc && p.d ? [side(ns, p.svc, p.d)] : []));
	return finish(ns, ing, route, side(ns, live.svc, live.d), idle, 'override');
}

function finish(ns: Namespace, ing: IngressObject, route: IngressRoute, live: SwitchSide, idle: SwitchSide[], found: IngressSwitch['found']): IngressSwitch {
	idle.sort((a, b) => byString(a.service, b.service));
	return {
		namespace: ing.meta.namespace,
		ingress: ing.meta.name,
		host: route.host,
		path: route.path,
		rule: route.rule,
		index: route.index,
		port: route.port,
		ingressResourceVersion: ing.meta.resourceVersion,
		live,
		idle,
		found,
		warnings: warningsOf(ns, live, idle),
	};
}

function warningsOf(ns: Namespace, live: SwitchSide, idle: readonly SwitchSide[]): string[] {
	const warnings: string[] = [];
	if (live.servedReady === 0) warnings.push(`live side ${live.deployment} has no ready pods behind ${live.service}`);
	for (const s of [live, ...idle]) {
		const svc = ns.service(s.service);
		if (!svc) continue;
		const pods = ns.selectedPods(svc);
		if (pods.length === 0) warnings.push(`Service ${s.service} selects no pods`);
		const owners = ns.deployments.filter((d) => pods.some((p) => selects(d.matchLabels, p.labels))).map((d) => d.meta.name);
		if (owners.length > 1) warnings.push(`Service ${s.service} selects pods of ${owners.length} Deployments (${owners.join(', ')})`);
	}
	return warnings;
}

const matchesOverride = (o: SwitchOverride, ing: IngressObject, route: IngressRoute) =>
	o.namespace === ing.meta.namespace && o.ingress === ing.meta.name && (o.host === undefined || o.host === route.host);

/** Every Ingress switch in these objects, by namespace, Ingress, host and path. */
export function ingressSwitches(sets: Sets, overrides: readonly SwitchOverride[] = []): IngressSwitch[] {
	const namespaces = groupByNamespace(sets);
	const out: IngressSwitch[] = [];
	for (const ing of sets.ingresses) {
		const ns = namespaces.get(ing.meta.namespace);
		if (!ns || ing.meta.name === '') continue;
		for (const route of ing.routes) {
			const o = overrides.find((x) => matchesOverride(x, ing, route));
			const found = o ? overrideSwitch(ns, ing, route, o) : ruleSwitch(ns, ing, route);
			if (found) out.push(found);
		}
	}
	return out.sort(
		(a, b) => byString(a.namespace, b.namespace) || byString(a.ingress, b.ingress) || byString(a.host, b.host) || byString(a.path, b.path),
	);
}
