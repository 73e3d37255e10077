import {describe, expect, it} from 'vitest';
import {normalise} from '../../source/domain/normalise.js';
import {ingressSwitches} from '../../source/model/ingress-switch.js';
import {toJson} from '../../source/print/json.js';
import {switchText} from '../../source/print/switch-print.js';
import {classic} from './manual-objects.js';

describe('ingress switches in -o json and -o text', () => {
	it('adds the documented top-level ingressSwitches, contract fields first', () => {
		const json = JSON.parse(toJson([], Date.now(), ingressSwitches(normalise(classic({greenReplicas: 3, greenReady: 1})))));
		expect(Object.keys(json)).toEqual(['rollouts', 'ingressSwitches']);
		const [sw] = json.ingressSwitches;
		expect(Object.keys(sw).slice(0, 6)).toEqual(['namespace', 'ingress', 'host', 'path', 'live', 'idle']);
		expect(sw.live).toEqual({service: 'blue-service', deployment: 'blue', images: ['argoproj/rollouts-demo:blue'], ready: '3/3'});
		expect(sw.idle).toEqual([{service: 'green-service', deployment: 'green', images: ['argoproj/rollouts-demo:green'], ready: '1/3', replicas: 3, scaledDownFrom: null}]);
	});

	it('prints a block per switch, warnings included, with cluster text sanitised', () => {
		const sets = classic();
		sets.pods = sets.pods.filter((p) => p.metadata?.labels?.['color'] === 'green');
		sets.ingresses[0]!.spec!.rules![0]!.host = 'evil\x1b[2J.demo';
		expect(switchText(ingressSwitches(normalise(sets)))).toBe(
			[
				'Ingress switch:  shop/demo-ingress',
				'Host:            evil^[[2J.demo/',
				'Live:            blue-service -> blue (3/3 ready)  argoproj/rollouts-demo:blue',
				'Idle:            green-service -> green (3/3 ready)  argoproj/rollouts-demo:green',
				'Warning:         live side blue has no ready pods behind blue-service',
				'Warning:         Service blue-service selects no pods',
			].join('\n'),
		);
	});
});
