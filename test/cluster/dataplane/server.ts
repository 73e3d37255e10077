/**
 * The data plane's one server, run inside the cluster's network namespace
 * (`ip netns exec rtui-<h> node server.ts CONTROL_SOCKET`). It listens on every
 * container port the pods declare, on all of the namespace's addresses, and
 * answers each request as the pod owning the address it arrived on: the demo
 * protocol (POST /color -> "green", the colour from the pod's image tag), with
 * the errors and latency injected for that colour. The agent keeps the pod map
 * current over the control socket; tests set faults and read counts there.
 */
import fs from 'node:fs';
import http from 'node:http';
import {colorOfImage, DEMO_PORT, requestFault, type Faults, type PodEntry, type ServerState} from './protocol.js';

const controlSocket = process.argv[2];
if (!controlSocket) {
	console.error('usage: server.ts CONTROL_SOCKET');
	process.exit(2);
}

const state: ServerState = {synced: false, pods: [], ports: [], faults: {}, answered: {}};
let byAddress = new Map<string, PodEntry>();
const listeners = new Map<number, http.Server>();

function count(color: string, ok: boolean): void {
	const entry = (state.answered[color] ??= {ok: 0, errors: 0});
	if (ok) entry.ok++;
	else entry.errors++;
}

function readBody(request: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => {
			text += chunk;
			if (text.length > limit) request.destroy(new Error('body too large'));
		});
		request.on('end', () => resolve(text));
		request.on('error', reject);
	});
}

function reply(response: http.ServerResponse, status: number, body: string, headers: http.OutgoingHttpHeaders = {}): void {
	response.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers});
	response.end(body);
}

/** A request to a pod address: answer as that pod. */
async function answerAsPod(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
	const local = (request.socket.localAddress ?? '').replace(/^::ffff:/, '');
	const pod = byAddress.get(local);
	const body = await readBody(request);
	if (!pod) return reply(response, 503, JSON.stringify(`no pod has the address ${local}`));
	const path = (request.url ?? '/').split('?')[0];
	if (path !== '/color') return reply(response, 404, JSON.stringify(`no route ${path}; the demo app answers /color`));
	const color = colorOfImage(pod.image);
	const fault = requestFault(body, color, state.faults[color]);
	if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
	const headers = {'X-Pod-Name': pod.name};
	if (fault.errorRate && Math.random() < fault.errorRate) {
		count(color, false);
		return reply(response, 500, JSON.stringify('injected error'), headers);
	}
	count(color, true);
	reply(response, 200, fault.body ?? JSON.stringify(color), headers);
}

/** Opens a listener on every port some pod declares (ports are never closed: cheap, and no pod is hurt). */
function listenOnPorts(): void {
	const wanted = new Set([DEMO_PORT, ...state.pods.flatMap((pod) => pod.ports)]);
	for (const port of wanted) {
		if (listeners.has(port)) continue;
		const server = http.createServer((request, response) => {
			answerAsPod(request, response).catch(() => response.destroy());
		});
		server.on('error', (error) => console.error(`port ${port}: ${error.message}`));
		server.listen({port, host: '0.0.0.0'});
		listeners.set(port, server);
	}
	state.ports = [...listeners.keys()].sort((a, b) => a - b);
}

async function control(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
	const body = await readBody(request, 4 * 1024 * 1024);
	const route = `${request.method} ${request.url}`;
	if (route === 'GET /state') return reply(response, 200, JSON.stringify(state));
	if (route === 'PUT /pods') {
		const pods = JSON.parse(body) as PodEntry[];
		state.pods = pods;
		state.synced = true;
		byAddress = new Map(pods.map((pod) => [pod.ip, pod]));
		listenOnPorts();
		return reply(response, 200, '{}');
	}
	if (route === 'PUT /faults') {
		state.faults = JSON.parse(body) as Faults;
		state.answered = {};
		return reply(response, 200, '{}');
	}
	reply(response, 404, JSON.stringify(`unknown control request ${route}`));
}

fs.rmSync(controlSocket, {force: true});
const controlServer = http.createServer((request, response) => {
	control(request, response).catch((error: Error) => reply(response, 400, JSON.stringify(error.message)));
});
controlServer.listen(controlSocket, () => {
	listenOnPorts();
	console.log(`data plane server: control ${controlSocket}, ports ${state.ports.join(', ')}`);
});

const stop = () => {
	fs.rmSync(controlSocket, {force: true});
	process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
