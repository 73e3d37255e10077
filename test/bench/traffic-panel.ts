// What the traffic panel costs: requests per second it really sends, frames
// and bytes per second it makes the live view write, and CPU, at 120x40 on a
// blue-green rollout's detail. The probe is the real one (kube/probe.ts via
// kube/service-probe.ts) against a loopback stand-in for the API server's
// service proxy, so the numbers include the HTTP work.
// Run alone with `npx tsx test/bench/traffic-panel.ts`.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import {serviceProbe} from '../../source/kube/service-probe.js';
import {generateObjects} from './fixtures.js';
import {MutableSource, mountApp} from './terminal.js';
import {formatTable, gc, sleep, type Table} from './util.js';

const COLUMNS = 120;
const ROWS = 40;
const SECONDS = 5;

/** Answers GET service (one port) and POST .../proxy/color with `answer()`; counts proxy requests. */
async function fakeApiServer(answer: () => string) {
	let proxied = 0;
	const server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			response.setHeader('Content-Type', 'application/json');
			if (request.url?.includes('/proxy/')) {
				proxied++;
				response.end(JSON.stringify(answer()));
			} else response.end(JSON.stringify({kind: 'Service', spec: {ports: [{name: 'http', port: 80}]}}));
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const kc = new KubeConfig();
	kc.loadFromOptions({
		clusters: [{name: 'bench', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true}],
		users: [{name: 'bench'}],
		contexts: [{name: 'bench', cluster: 'bench', user: 'bench'}],
		currentContext: 'bench',
	});
	return {kc, proxied: () => proxied, close: () => server.close()};
}

type Case = {label: string; open: boolean; answer: () => string};

async function measure({label, open, answer}: Case): Promise<string[]> {
	const objects = generateObjects(100);
	const rollout = objects.rollouts.find(r => r.spec?.strategy?.blueGreen)!;
	const key = `${rollout.metadata!.namespace}/${rollout.metadata!.name}`;
	const api = await fakeApiServer(answer);
	gc();
	const m = mountApp(new MutableSource(objects), COLUMNS, ROWS, key, {probe: serviceProbe(api.kc), initialTraffic: open});
	// The panel opens at its default 20/s per Service.
	await sleep(1500);
	const t0 = performance.now();
	const requests0 = api.proxied();
	const cpu0 = process.cpuUsage();
	await sleep(SECONDS * 1000);
	const cpu = process.cpuUsage(cpu0);
	const end = performance.now();
	const requests = api.proxied() - requests0;
	m.unmount();
	api.close();
	const writes = m.stdout.writes.filter(w => w.at >= t0 && w.at < end);
	const bytes = writes.reduce((sum, w) => sum + w.bytes, 0);
	const per = (n: number) => (n / SECONDS).toFixed(n / SECONDS < 10 ? 1 : 0);
	return [label, per(requests), per(writes.length), per(bytes), ((cpu.user + cpu.system) / 1000 / SECONDS).toFixed(1)];
}

export async function benchTrafficPanel(): Promise<Table[]> {
	const blue = () => 'blue';
	// Worst case for the writer: a random 50/50 split (as mid-switch), so every frame moves most strip cells.
	const mixed = () => (Math.random() < 0.5 ? 'blue' : 'green');
	await measure({label: 'warm-up', open: true, answer: blue});
	return [
		{
			title: `Traffic panel at ${COLUMNS}x${ROWS} on a blue-green detail, ${SECONDS} s, real probe to a loopback service proxy`,
			head: ['case', 'requests/s (both Services)', 'writes/s', 'bytes/s', 'CPU ms per s'],
			rows: [
				await measure({label: 'panel closed', open: false, answer: blue}),
				await measure({label: 'panel open, 20/s, all blue (strip full)', open: true, answer: blue}),
				await measure({label: 'panel open, 20/s, random blue/green', open: true, answer: mixed}),
			],
			notes: [
				'Panel frames are capped at 10/s (ui/use-traffic.ts) plus the 1 s clock; the writer sends only changed cells.',
				'CPU includes the loopback stand-in server answering the requests (same process).',
			],
		},
	];
}

if (import.meta.url === `file://${process.argv[1]}`) {
	delete process.env['CI'];
	process.env['FORCE_COLOR'] ??= '1';
	for (const table of await benchTrafficPanel()) console.log(formatTable(table));
	process.exit(0);
}
