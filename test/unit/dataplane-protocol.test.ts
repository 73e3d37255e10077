import {describe, expect, it} from 'vitest';
import {colorOfImage, requestFault} from '../cluster/dataplane/protocol.js';
import {inPodNetwork, networkFor, nodePodCidr} from '../cluster/dataplane/network.js';

describe('data plane protocol', () => {
	it('takes the colour from the image tag', () => {
		expect(colorOfImage('argoproj/rollouts-demo:green')).toBe('green');
		expect(colorOfImage('registry.local:5000/argoproj/rollouts-demo:blue')).toBe('blue');
		expect(colorOfImage('argoproj/rollouts-demo:yellow@sha256:abc')).toBe('yellow');
		expect(colorOfImage('registry.local:5000/rollouts-demo')).toBe('latest');
	});

	it('lets the demo request body override the injected fault for its colour only', () => {
		const body = JSON.stringify([{color: 'green', return500Probability: 20, delayLength: 0.5}, {color: 'blue', return500Probability: 90}]);
		expect(requestFault(body, 'green', {errorRate: 0.9})).toEqual({errorRate: 0.2, latencyMs: 500});
		expect(requestFault('[]', 'green', {errorRate: 0.2})).toEqual({errorRate: 0.2});
		expect(requestFault('not json', 'red', {latencyMs: 5})).toEqual({latencyMs: 5});
		expect(requestFault(JSON.stringify([{color: 'red', return500Probability: 500}]), 'red', undefined)).toEqual({errorRate: 1});
	});

	it('keeps pod addresses inside the cluster range and off the veth link', () => {
		const network = networkFor('/tmp/x', 71);
		expect(network.cidr).toBe('100.71.0.0/16');
		expect(nodePodCidr(network, 2)).toBe('100.71.2.0/24');
		expect(inPodNetwork(network, '100.71.2.9')).toBe(true);
		expect(inPodNetwork(network, '100.71.0.2')).toBe(false);
		expect(inPodNetwork(network, '100.72.2.9')).toBe(false);
		expect(inPodNetwork(network, '10.244.1.1')).toBe(false);
	});
});
