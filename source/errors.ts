/**
 * An expected failure (bad flag, bad kubeconfig, unreachable server, RBAC
 * denial, ...). The CLI prints its message on one line and exits non-zero,
 * never a stack trace.
 */
export class UserError extends Error {
	constructor(message: string, readonly exitCode = 1) {
		super(message);
		this.name = 'UserError';
	}
}
