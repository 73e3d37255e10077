// One quick request before anything is drawn, so an unreachable server or
// rejected credentials give a one-line error instead of an empty screen.
import type {KubeConfig} from '@kubernetes/client-node';
import {UserError} from '../errors.js';
import {openGet, readBody} from './kube-request.js';
import {UNAUTHORIZED, cannotReach, connectionWords, errorCode, foreignText} from './error-words.js';

export async function checkReachable(kc: KubeConfig, server: string, timeoutMs = 5000): Promise<void> {
	let status: number | undefined;
	try {
		const open = await openGet(kc, '/version', {}, AbortSignal.timeout(timeoutMs + 1000), timeoutMs);
		status = open.response.statusCode;
		await readBody(open, timeoutMs);
	} catch (error) {
		const code = errorCode(error);
		const words =
			code === 'REQUEST_TIMEOUT'
				? `no answer within ${timeoutMs / 1000}s`
				: (connectionWords(code) ?? foreignText(error instanceof Error ? error.message : String(error)));
		throw new UserError(cannotReach(server, words, code === 'REQUEST_TIMEOUT' ? undefined : code));
	}
	if (status === 401) throw new UserError(`${server}: ${UNAUTHORIZED}`);
}
