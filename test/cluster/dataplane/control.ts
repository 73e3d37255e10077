/** A client for the data plane server's control socket (used by the agent, up() and tests). */
import http from 'node:http';
import path from 'node:path';
import type {ClusterPaths} from '../paths.js';
import type {Faults, PodEntry, ServerState} from './protocol.js';

export const dataPlaneDir = (paths: ClusterPaths) => path.join(paths.stateDir, 'dataplane');
export const controlSocketPath = (paths: ClusterPaths) => path.join(dataPlaneDir(paths), 'control.sock');

function call(socketPath: string, method: string, route: string, body?: unknown, timeoutMs = 3000): Promise<string> {
	return new Promise((resolve, reject) => {
		const text = body === undefined ? '' : JSON.stringify(body);
		const request = http.request(
			{socketPath, method, path: route, timeout: timeoutMs, headers: {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)}},
			(response) => {
				let answer = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (answer += chunk));
				response.on('end', () => (response.statusCode === 200 ? resolve(answer) : reject(new Error(`data plane ${route}: ${response.statusCode} ${answer}`))));
			},
		);
		request.on('timeout', () => request.destroy(new Error(`data plane ${route}: no answer within ${timeoutMs}ms`)));
		request.on('error', reject);
		request.end(text);
	});
}

export async function serverState(socketPath: string): Promise<ServerState> {
	return JSON.parse(await call(socketPath, 'GET', '/state')) as ServerState;
}

export async function putPods(socketPath: string, pods: PodEntry[]): Promise<void> {
	await call(socketPath, 'PUT', '/pods', pods);
}

/** Replaces the injected faults (per colour) and resets the server's answer counts. */
export async function putFaults(socketPath: string, faults: Faults): Promise<void> {
	await call(socketPath, 'PUT', '/faults', faults);
}
