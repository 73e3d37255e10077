// Actions on hand-made blue-green (model/ingress-switch.ts) as data: the one
// PATCH each sends, conditional on the resourceVersion the operator saw, or
// why it is refused. Pure, like plan.ts.
//   switch:     JSON patch of the rule's backend Service name, with a `test`
//               of the name seen (and, via conditionalOn, of the resourceVersion).
//   scale-down: merge patch replicas 0, recording the count in an annotation.
//   scale-up:   merge patch replicas back to that count (or --replicas), dropping it.
import {SCALED_DOWN_FROM_ANNOTATION, type DeploymentObject} from '../domain/deployment.js';
import {readyText, type IngressSwitch, type SwitchSide} from '../model/ingress-switch.js';
import {conditionalOn} from './conditional.js';
import type {PatchStep} from './plan.js';

export type ManualAction = 'switch' | 'scale-down' | 'scale-up';

export interface ManualPlan {
	action: ManualAction;
	/** The one object written. */
	target: {resource: 'ingresses' | 'deployments'; kind: 'Ingress' | 'Deployment'; namespace: string; name: string; resourceVersion: string};
	/** Already conditional on target.resourceVersion. */
	patch: PatchStep;
	/** The confirmation question, in the operator's words. */
	summary: string;
	/** What the command prints when it worked. */
	done: string;
}

export interface ManualRefusal {
	action: ManualAction;
	refused: true;
	reason: string;
	hint?: string;
}

export const isManualRefusal = (p: ManualPlan | ManualRefusal): p is ManualRefusal => 'refused' in p;

const refuse = (action: ManualAction, reason: string, hint?: string): ManualRefusal => ({action, refused: true, reason, ...(hint ? {hint} : {})});

/** "bluegreen.demo" or "bluegreen.demo/api": where the traffic goes in. */
export const entryText = (sw: IngressSwitch): string => `${sw.host === '*' ? 'every host' : sw.host}${sw.path && sw.path !== '/' ? sw.path : ''}`;

const sideText = (s: SwitchSide): string => `${s.service} (${s.deployment}, ${readyText(s)} ready)`;

/** The JSON pointer of the backend's Service name in the Ingress. */
export function backendNamePath(sw: Pick<IngressSwitch, 'rule' | 'index'>): string {
	return sw.rule < 0 ? '/spec/defaultBackend/service/name' : `/spec/rules/${sw.rule}/http/paths/${sw.index}/backend/service/name`;
}

/** Point the rule's backend at an idle side's Service (`to`, or the only idle side). */
export function planSwitch(sw: IngressSwitch, to?: string): ManualPlan | ManualRefusal {
	const where = `${sw.ingress} (${entryText(sw)})`;
	if (to !== undefined && to === sw.live.service) return refuse('switch', `${entryText(sw)} traffic already goes to ${sw.live.service}`);
	const choices = sw.idle.map((s) => s.service).join(', ');
	const target = to === undefined ? (sw.idle.length === 1 ? sw.idle[0] : undefined) : sw.idle.find((s) => s.service === to);
	if (!target) {
		if (to === undefined) return refuse('switch', `${where} has ${sw.idle.length} idle sides`, `choose one with --to (${choices})`);
		return refuse('switch', `${to} is not an idle side of ${where}`, choices ? `idle: ${choices}` : undefined);
	}
	if (target.servedReady === 0) {
		return refuse(
			'switch',
			`${target.service} has no ready pods (${target.deployment} ${readyText(target)} ready): traffic to ${entryText(sw)} would fail`,
			`scale it up first (rollouts-tui scale-up ${target.deployment})`,
		);
	}
	const path = backendNamePath(sw);
	const body = [
		{op: 'test', path, value: sw.live.service},
		{op: 'replace', path, value: target.service},
	];
	return {
		action: 'switch',
		target: {resource: 'ingresses', kind: 'Ingress', namespace: sw.namespace, name: sw.ingress, resourceVersion: sw.ingressResourceVersion},
		patch: conditionalOn({subresource: null, type: 'json', body}, sw.ingressResourceVersion),
		summary: `Send ${entryText(sw)} traffic from ${sideText(sw.live)} to ${sideText(target)}?`,
		done: `${entryText(sw)} traffic now goes to ${target.service} (${target.deployment}) via Ingress ${sw.ingress}`,
	};
}

/** Where the Deployment is live (a switch's backend selects it), in words; null when it is not. */
function liveAt(d: DeploymentObject, switches: readonly IngressSwitch[]): string | null {
	const live = switches.filter((s) => s.namespace === d.meta.namespace && s.live.deployment === d.meta.name);
	return live.length === 0 ? null : live.map((s) => `${s.ingress} (${entryText(s)})`).join(', ');
}

/** "idle behind green-service" or "in no Ingress switch". */
function idleAt(d: DeploymentObject, switches: readonly IngressSwitch[]): string {
	const services = switches.flatMap((s) => (s.namespace === d.meta.namespace ? s.idle.filter((i) => i.deployment === d.meta.name) : [])).map((i) => i.service);
	return services.length === 0 ? 'in no Ingress switch' : `idle behind ${[...new Set(services)].join(', ')}`;
}

const deploymentTarget = (d: DeploymentObject) =>
	({resource: 'deployments', kind: 'Deployment', namespace: d.meta.namespace, name: d.meta.name, resourceVersion: d.meta.resourceVersion}) as const;

const desiredOf = (d: DeploymentObject): number => d.replicas ?? 1;

/** Scale an idle Deployment to 0, keeping its replica count for scale-up. Refused while it is live. */
export function planScaleDown(d: DeploymentObject, switches: readonly IngressSwitch[]): ManualPlan | ManualRefusal {
	const name = d.meta.name;
	const live = liveAt(d, switches);
	if (live) return refuse('scale-down', `${name} is live: ${live} sends traffic to it`, 'switch the traffic to another side first');
	const desired = desiredOf(d);
	if (desired === 0) return refuse('scale-down', `${name} is already scaled to 0`);
	const body = {metadata: {annotations: {[SCALED_DOWN_FROM_ANNOTATION]: String(desired)}}, spec: {replicas: 0}};
	return {
		action: 'scale-down',
		target: deploymentTarget(d),
		patch: conditionalOn({subresource: null, type: 'merge', body}, d.meta.resourceVersion),
		summary: `Scale ${name} (${d.readyReplicas}/${desired} ready, ${idleAt(d, switches)}) down to 0? Its count ${desired} is kept for scale-up.`,
		done: `deployment '${name}' scaled down to 0 (was ${desired}; scale-up restores it)`,
	};
}

/** Scale a Deployment back up: to `replicas`, else to the count scale-down recorded. */
export function planScaleUp(d: DeploymentObject, replicas?: number): ManualPlan | ManualRefusal {
	const name = d.meta.name;
	const to = replicas ?? d.scaledDownFrom;
	if (to === null) return refuse('scale-up', `${name} has no recorded replica count`, 'give one with --replicas N');
	if (!Number.isSafeInteger(to) || to < 1) return refuse('scale-up', `--replicas must be a whole number from 1, not ${to}`);
	const desired = desiredOf(d);
	if (desired === to && d.scaledDownFrom === null) return refuse('scale-up', `${name} already has ${to} replicas`);
	const body = {metadata: {annotations: {[SCALED_DOWN_FROM_ANNOTATION]: null}}, spec: {replicas: to}};
	const why = replicas === undefined ? ' (the count recorded at scale-down)' : '';
	return {
		action: 'scale-up',
		target: deploymentTarget(d),
		patch: conditionalOn({subresource: null, type: 'merge', body}, d.meta.resourceVersion),
		summary: `Scale ${name} up from ${desired} to ${to} replicas${why}?`,
		done: `deployment '${name}' scaled up to ${to}`,
	};
}
