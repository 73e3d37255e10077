import {describe, expect, it} from 'vitest';
import {normalise} from '../../source/domain/normalise.js';
import {isManualRefusal, planScaleDown, planScaleUp, planSwitch} from '../../source/actions/manual-plan.js';
import {ingressSwitches} from '../../source/model/ingress-switch.js';
import {parseSwitchOverrides} from '../../source/kube/switch-overrides.js';
import {classic, deployment} from './manual-objects.js';

const switchOf = (sets = classic()) => ingressSwitches(normalise(sets))[0]!;
const dep = (d: ReturnType<typeof deployment>) => normalise({deployments: [d]}).deployments[0]!;

describe('switch plan', () => {
	it('patches the backend name, tested against the name and resourceVersion seen, in the operator\'s words', () => {
		const plan = planSwitch(switchOf());
		if (isManualRefusal(plan)) throw new Error(plan.reason);
		expect(plan.summary).toBe('Send bluegreen.demo traffic from blue-service (blue, 3/3 ready) to green-service (green, 3/3 ready)?');
		expect(plan.target).toEqual({resource: 'ingresses', kind: 'Ingress', namespace: 'shop', name: 'demo-ingress', resourceVersion: '200'});
		expect(plan.patch).toEqual({
			subresource: null,
			type: 'json',
			body: [
				{op: 'test', path: '/metadata/resourceVersion', value: '200'},
				{op: 'test', path: '/spec/rules/0/http/paths/0/backend/service/name', value: 'blue-service'},
				{op: 'replace', path: '/spec/rules/0/http/paths/0/backend/service/name', value: 'green-service'},
			],
		});
	});

	it('refuses a target without ready pods, with the reason and what to do', () => {
		const plan = planSwitch(switchOf(classic({greenReady: 0})));
		expect(plan).toMatchObject({
			refused: true,
			reason: 'green-service has no ready pods (green 0/3 ready): traffic to bluegreen.demo would fail',
			hint: 'scale it up first (rollouts-tui scale-up green)',
		});
	});

	it('refuses the live Service and a Service that is no idle side', () => {
		expect(planSwitch(switchOf(), 'blue-service')).toMatchObject({reason: 'bluegreen.demo traffic already goes to blue-service'});
		expect(planSwitch(switchOf(), 'other')).toMatchObject({reason: 'other is not an idle side of demo-ingress (bluegreen.demo)', hint: 'idle: green-service'});
	});
});

describe('scale-down and scale-up plans', () => {
	it('scale-down records the count and sets 0, conditional on the version seen', () => {
		const sets = classic();
		const sw = ingressSwitches(normalise(sets));
		const plan = planScaleDown(normalise(sets).deployments[1]!, sw);
		if (isManualRefusal(plan)) throw new Error(plan.reason);
		expect(plan.patch.body).toEqual({metadata: {annotations: {'rollouts-tui/scaled-down-from': '3'}, resourceVersion: '100'}, spec: {replicas: 0}});
		expect(plan.summary).toBe('Scale green (3/3 ready, idle behind green-service) down to 0? Its count 3 is kept for scale-up.');
	});

	it('scale-down refuses the live side and a Deployment already at 0', () => {
		const sets = classic();
		expect(planScaleDown(normalise(sets).deployments[0]!, ingressSwitches(normalise(sets)))).toMatchObject({
			reason: 'blue is live: demo-ingress (bluegreen.demo) sends traffic to it',
		});
		expect(planScaleDown(dep(deployment('g', 'x:1', {replicas: 0})), [])).toMatchObject({reason: 'g is already scaled to 0'});
	});

	it('scale-up restores the recorded count and drops the annotation, or takes --replicas', () => {
		const down = dep(deployment('green', 'x:1', {replicas: 0, annotations: {'rollouts-tui/scaled-down-from': '3'}}));
		const plan = planScaleUp(down);
		if (isManualRefusal(plan)) throw new Error(plan.reason);
		expect(plan.patch.body).toEqual({metadata: {annotations: {'rollouts-tui/scaled-down-from': null}, resourceVersion: '100'}, spec: {replicas: 3}});
		expect(plan.summary).toBe('Scale green up from 0 to 3 replicas (the count recorded at scale-down)?');
		expect(planScaleUp(down, 5)).toMatchObject({patch: {body: {spec: {replicas: 5}}}});
		expect(planScaleUp(dep(deployment('g', 'x:1', {replicas: 0})))).toMatchObject({reason: 'g has no recorded replica count', hint: 'give one with --replicas N'});
		expect(planScaleUp(dep(deployment('g', 'x:1', {replicas: 2})), 2)).toMatchObject({reason: 'g already has 2 replicas'});
		const junk = dep(deployment('g', 'x:1', {replicas: 0, annotations: {'rollouts-tui/scaled-down-from': '3; rm -rf'}}));
		expect(planScaleUp(junk)).toMatchObject({reason: 'g has no recorded replica count'});
	});
});

describe('--switches file', () => {
	it('reads declared families and names the bad entry in one line', () => {
		const text = 'switches:\n  - namespace: shop\n    ingress: demo-ingress\n    sides:\n      - {service: a, deployment: x}\n      - {service: b, deployment: y}\n';
		expect(parseSwitchOverrides(text, 'f.yaml')).toEqual([{namespace: 'shop', ingress: 'demo-ingress', sides: [{service: 'a', deployment: 'x'}, {service: 'b', deployment: 'y'}]}]);
		expect(() => parseSwitchOverrides('switches: [{namespace: shop}]', 'f.yaml')).toThrow('--switches f.yaml: switches[0] needs namespace and ingress');
		expect(() => parseSwitchOverrides('a: [', 'f.yaml')).toThrow(/^--switches f.yaml: not valid YAML \(line/);
		expect(() => parseSwitchOverrides('- 1', 'f.yaml')).toThrow('expected a top-level "switches:" list');
	});
});
