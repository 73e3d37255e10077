// The planner's API for screens that know Ingress switches by their key
// (switchKey): which manual actions apply and the plan for a key. The UI
// never matches raw objects or Deployments itself.
import {normalise} from '../domain/normalise.js';
import type {ObjectSets} from '../domain/raw.js';
import {ingressSwitches, type IngressSwitch, type SwitchOverride, type SwitchSide} from '../model/ingress-switch.js';
import {isManualRefusal, planScaleDown, planScaleUp, planSwitch, type ManualAction, type ManualPlan} from './manual-plan.js';
import {refusalText} from './plan.js';

export const MANUAL_ACTIONS: readonly ManualAction[] = ['switch', 'scale-down', 'scale-up'];

/** "switch:namespace/ingress host/path": a list key that cannot be a rollout's "namespace/name". */
export const switchKey = (sw: Pick<IngressSwitch, 'namespace' | 'ingress' | 'host' | 'path'>): string =>
	`switch:${sw.namespace}/${sw.ingress} ${sw.host}${sw.path}`;

export const isSwitchKey = (key: string | null | undefined): boolean => Boolean(key?.startsWith('switch:'));

/** The idle side a scale key acts on: the first one still up (scale-down) or down (scale-up). */
function idleFor(action: 'scale-down' | 'scale-up', sw: IngressSwitch): SwitchSide | undefined {
	return action === 'scale-down' ? (sw.idle.find((s) => s.desired > 0) ?? sw.idle[0]) : (sw.idle.find((s) => s.desired === 0) ?? sw.idle[0]);
}

/** Which of w/D/U would do something now on this switch (dims the others in the footer). */
export function manualActionsFor(objects: ObjectSets, key: string, overrides: readonly SwitchOverride[] = []): Record<ManualAction, {enabled: boolean}> {
	const out = {} as Record<ManualAction, {enabled: boolean}>;
	for (const action of MANUAL_ACTIONS) out[action] = {enabled: 'plan' in manualPlanFor(objects, key, action, overrides)};
	return out;
}

export type ManualOutcome = {plan: ManualPlan} | {refused: string};

export function manualPlanFor(objects: ObjectSets, key: string, action: ManualAction, overrides: readonly SwitchOverride[] = []): ManualOutcome {
	const sets = normalise(objects);
	const switches = ingressSwitches(sets, overrides);
	const sw = switches.find((s) => switchKey(s) === key);
	if (!sw) return {refused: `${action}: ${isSwitchKey(key) ? 'that Ingress switch is gone' : 'applies to Ingress switches (hand-made blue-green), not to rollouts'}`};
	let plan;
	if (action === 'switch') plan = planSwitch(sw);
	else {
		const side = idleFor(action, sw);
		const d = side && sets.deployments.find((x) => x.meta.namespace === sw.namespace && x.meta.name === side.deployment);
		if (!d) return {refused: `${action}: ${sw.ingress} has no idle Deployment`};
		plan = action === 'scale-down' ? planScaleDown(d, switches) : planScaleUp(d);
	}
	return isManualRefusal(plan) ? {refused: `${action}: ${refusalText(plan)}`} : {plan};
}
