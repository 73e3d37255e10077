import {describe, expect, it} from 'vitest';
import {normalise} from '../../source/domain/normalise.js';
import {imageRepository, ingressSwitches, readyText} from '../../source/model/ingress-switch.js';
import {classic, deployment, ingress, service} from './manual-objects.js';

const detect = (sets: ReturnType<typeof classic>, overrides = []) => ingressSwitches(normalise(sets), overrides);

describe('ingress switch detection', () => {
	it('finds the classic pair: blue live behind demo-ingress, green idle', () => {
		const [sw, ...rest] = detect(classic());
		expect(rest).toEqual([]);
		expect(sw).toMatchObject({namespace: 'shop', ingress: 'demo-ingress', host: 'bluegreen.demo', path: '/', rule: 0, index: 0, found: 'rule'});
		expect(sw!.live).toMatchObject({service: 'blue-service', deployment: 'blue', images: ['argoproj/rollouts-demo:blue'], ready: 3, desired: 3, servedReady: 3});
		expect(sw!.live.pods).toHaveLength(3);
		expect(sw!.idle.map((s) => [s.service, s.deployment, readyText(s)])).toEqual([['green-service', 'green', '3/3']]);
		expect(sw!.warnings).toEqual([]);
	});

	it('follows the backend: after the edit green is live and blue idle', () => {
		const [sw] = detect(classic({backend: 'green-service'}));
		expect(sw!.live.deployment).toBe('green');
		expect(sw!.idle.map((s) => s.deployment)).toEqual(['blue']);
	});

	it('needs the same repository and container names, and another tag', () => {
		const other = classic();
		other.deployments[1] = deployment('green', 'nginx:green');
		expect(detect(other)).toEqual([]);
		const renamed = classic();
		renamed.deployments[1] = deployment('green', 'argoproj/rollouts-demo:green', {container: 'web'});
		expect(detect(renamed)).toEqual([]);
		const sameTag = classic();
		sameTag.deployments[1] = deployment('green', 'argoproj/rollouts-demo:blue');
		expect(detect(sameTag)).toEqual([]);
	});

	it('needs an idle Service exposing the backend port', () => {
		const sets = classic();
		sets.services[1] = service('green-service', 'green', 8080);
		expect(detect(sets)).toEqual([]);
		sets.services.pop();
		expect(detect(sets)).toEqual([]);
	});

	it('warns when the live side has no ready pods or a Service selects none', () => {
		const sets = classic();
		sets.pods = sets.pods.filter((p) => p.metadata?.labels?.['color'] !== 'blue');
		const [sw] = detect(sets);
		expect(sw!.warnings).toEqual(['live side blue has no ready pods behind blue-service', 'Service blue-service selects no pods']);
	});

	it('warns when a Service selects pods of two Deployments', () => {
		const sets = classic();
		sets.services.push({kind: 'Service', metadata: {name: 'both', namespace: 'shop'}, spec: {selector: {app: 'demo'}, ports: [{port: 80}]}});
		sets.ingresses = [ingress('both')];
		// "both" selects the templates of blue and green: no idle side is left by the rule.
		expect(detect(sets)).toEqual([]);
		const [sw] = detect(sets, [{namespace: 'shop', ingress: 'demo-ingress', sides: [{service: 'both', deployment: 'blue'}, {service: 'green-service', deployment: 'green'}]}] as never);
		expect(sw!.found).toBe('override');
		expect(sw!.warnings).toContain('Service both selects pods of 2 Deployments (blue, green)');
	});

	it('takes an override for a family the rule misses, limited to its host', () => {
		const sets = classic();
		sets.deployments[1] = deployment('green', 'example/other:v2');
		expect(detect(sets)).toEqual([]);
		const sides = [{service: 'blue-service', deployment: 'blue'}, {service: 'green-service', deployment: 'green'}];
		expect(detect(sets, [{namespace: 'shop', ingress: 'demo-ingress', host: 'other.demo', sides}] as never)).toEqual([]);
		const [sw] = detect(sets, [{namespace: 'shop', ingress: 'demo-ingress', host: 'bluegreen.demo', sides}] as never);
		expect(sw!.idle.map((s) => s.deployment)).toEqual(['green']);
	});

	it('reads hostile and partial objects without throwing', () => {
		const sets = classic();
		(sets.ingresses as unknown[]).push(null, {spec: {rules: 'x'}}, {metadata: {name: 'i', namespace: 'shop'}, spec: {rules: [{http: {paths: [{backend: {service: {name: 'green-service'}}}]}}]}});
		(sets.deployments as unknown[]).push({spec: {template: 5}}, {metadata: {name: 'x', namespace: 'shop'}, spec: {selector: {matchLabels: {a: 1}}}});
		const found = detect(sets);
		expect(found.map((s) => `${s.ingress} ${s.host} ${s.live.deployment}`)).toEqual(['demo-ingress bluegreen.demo blue', 'i * green']);
	});

	it('splits images into repository and tag', () => {
		expect(imageRepository('registry:5000/a/b:v1')).toEqual({repository: 'registry:5000/a/b', tag: 'v1'});
		expect(imageRepository('registry:5000/a/b')).toEqual({repository: 'registry:5000/a/b', tag: 'latest'});
		expect(imageRepository('a@sha256:00')).toEqual({repository: 'a', tag: 'sha256:00'});
	});
});
