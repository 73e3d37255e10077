import {describe, expect, it} from 'vitest';
import type {Ingress, Service} from '../../source/domain/raw.js';
import {normalise, toRollout, toService} from '../../source/domain/normalise.js';
import {indexServices as indexServicesOf, resolveService, rolloutServiceNames as rolloutServiceNamesOf} from '../../source/model/services.js';

// The model reads objects through the domain, as deriveRollouts does.
const indexServices = (services: unknown[], ingresses: unknown[]) => {
	const sets = normalise({services, ingresses});
	return indexServicesOf(sets.services, sets.ingresses);
};
const serviceHash = (raw: unknown) => toService(raw).hash;
const rolloutServiceNames = (raw: unknown) => rolloutServiceNamesOf(toRollout(raw));
import type {ReplicaSetView} from '../../source/model/view.js';
import {blueGreen, canary} from './builders.js';

const svc = (name: string, hash?: string, namespace = 'default'): Service => ({
	apiVersion: 'v1',
	kind: 'Service',
	metadata: {name, namespace},
	spec: {selector: {app: 'demo', ...(hash === undefined ? {} : {'rollouts-pod-template-hash': hash})}},
});

const ingress = (name: string, rules: Array<{host?: string; services: string[]}>, defaultService?: string, namespace = 'default'): Ingress => ({
	apiVersion: 'networking.k8s.io/v1',
	kind: 'Ingress',
	metadata: {name, namespace},
	spec: {
		rules: rules.map((r) => ({
			...(r.host === undefined ? {} : {host: r.host}),
			http: {paths: r.services.map((s) => ({path: '/', backend: {service: {name: s}}}))},
		})),
		...(defaultService ? {defaultBackend: {service: {name: defaultService}}} : {}),
	},
});

const rs = (name: string, hash: string, revision: number) => ({name, hash, revision}) as ReplicaSetView;
const sets = [rs('demo-aaa', 'aaa', 1), rs('demo-bbb', 'bbb', 2)];

describe('resolveService', () => {
	it('resolves the selector hash to the ReplicaSet and its revision', () => {
		const index = indexServices([svc('demo', 'aaa')], []);
		expect(resolveService('demo', 'default', index, sets)).toEqual({
			name: 'demo',
			hash: 'aaa',
			exists: true,
			replicaSet: 'demo-aaa',
			revision: 1,
			hosts: [],
		});
	});

	it('exists:false when the Service object is missing', () => {
		const index = indexServices([svc('demo', 'aaa', 'other')], []);
		expect(resolveService('demo', 'default', index, sets)).toEqual({
			name: 'demo',
			hash: null,
			exists: false,
			replicaSet: null,
			revision: null,
			hosts: [],
		});
	});

	it('a hash that matches no ReplicaSet of the rollout', () => {
		const index = indexServices([svc('demo', 'zzz')], []);
		expect(resolveService('demo', 'default', index, sets)).toMatchObject({hash: 'zzz', exists: true, replicaSet: null, revision: null});
	});

	it('a selector without a hash (before the first switch)', () => {
		const index = indexServices([svc('demo')], []);
		expect(resolveService('demo', 'default', index, sets)).toMatchObject({hash: null, exists: true, replicaSet: null});
	});

	it('null when the spec names no Service', () => {
		expect(resolveService('', 'default', indexServices([], []), sets)).toBeNull();
	});

	it('collects Ingress hosts routing to the Service in the same namespace, sorted and unique', () => {
		const index = indexServices(
			[svc('demo', 'bbb')],
			[
				ingress('a', [{host: 'www.demo.example', services: ['demo']}, {host: 'other.example', services: ['other']}]),
				ingress('b', [{host: 'demo.example', services: ['other', 'demo']}, {host: 'www.demo.example', services: ['demo']}]),
				ingress('c', [{host: 'elsewhere.example', services: ['demo']}], undefined, 'prod'),
				ingress('d', [{services: ['demo']}]),
				ingress('e', [], 'demo'),
			],
		);
		expect(resolveService('demo', 'default', index, sets)?.hosts).toEqual(['*', 'demo.example', 'www.demo.example']);
		expect(resolveService('demo', 'prod', index, sets)?.hosts).toEqual(['elsewhere.example']);
	});

	it('ignores malformed Services and Ingresses', () => {
		const index = indexServices([null, 'x', {metadata: {}}, svc('demo', 'aaa')], [null, {spec: {rules: 'x'}}, {spec: {rules: [null, {http: {paths: [null]}}]}}]);
		expect(resolveService('demo', 'default', index, sets)?.revision).toBe(1);
	});
});

describe('serviceHash and rolloutServiceNames', () => {
	it('reads the rollouts-pod-template-hash of the selector', () => {
		expect(serviceHash(svc('demo', 'aaa'))).toBe('aaa');
		expect(serviceHash(svc('demo'))).toBeNull();
		expect(serviceHash(null)).toBeNull();
	});

	it('names the Services of each strategy', () => {
		expect(rolloutServiceNames(blueGreen())).toEqual({active: 'bg-active', preview: 'bg-preview', stable: '', canary: ''});
		expect(rolloutServiceNames(canary({spec: {strategy: {canary: {stableService: 's', canaryService: 'c'}}}}))).toEqual({
			active: '',
			preview: '',
			stable: 's',
			canary: 'c',
		});
	});
});
