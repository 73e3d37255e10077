// A tmux server of our own (its own socket, started from this process's
// environment) running the built CLI, and a reader of the traffic panel's strips.
import {execFileSync} from 'node:child_process';

export const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export function tmuxSession(name: string) {
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', name, ...args], {encoding: 'utf8'});
	const screen = () => tmux('capture-pane', '-p', '-t', name);
	return {
		screen,
		press: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
		/** Runs the CLI; the shell stays after it exits, so its exit code stays on screen. */
		start(args: string, columns = 110, rows = 36) {
			tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), `node dist/rollouts-tui.mjs ${args}; echo "[exited $?]"; sleep 60`);
		},
		kill() {
			try {
				tmux('kill-server');
			} catch {}
		},
		async waitFor(test: (text: string) => boolean, description: string, timeoutMs = 30_000): Promise<string> {
			const deadline = Date.now() + timeoutMs;
			let text = '';
			while (Date.now() < deadline) {
				text = screen();
				if (test(text)) return text;
				await pause(200);
			}
			throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${description}; the screen was:\n${text}`);
		},
	};
}

/** The cells of a traffic strip (oldest first, padding dropped): the line under "LABEL  service". */
export function strip(text: string, label: string): string {
	const lines = text.split('\n');
	const at = lines.findIndex(line => new RegExp(`^${label}\\s+\\S`).test(line));
	if (at < 0) return '';
	return /^\s+([^\s]+)/.exec(lines[at + 1] ?? '')?.[1]?.replace(/·/g, '') ?? '';
}
