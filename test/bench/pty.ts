// A program in a pseudo-terminal of a fixed size, as a user's terminal runs
// it, with every chunk it writes timestamped. Uses util-linux `script` (no
// native addon): `script -qfec CMD /dev/null` allocates the pty itself, also
// without a controlling terminal, and `stty` sets the size before `exec`.
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import {sleep} from './util.js';

export interface Chunk {
	at: number; // performance.now() when it arrived
	data: Buffer;
}

export interface PtyProgram {
	/** Every chunk written to the terminal so far. */
	readonly chunks: Chunk[];
	readonly startedAt: number;
	/** Called for each chunk, in order. */
	onData(listener: (chunk: Chunk) => void): void;
	/** The program's own pid (not script's or the shell's): for /proc readings. */
	pid(): Promise<number>;
	/** Keys, as a user would type them. */
	type(text: string): void;
	/** SIGTERM to the program, SIGKILL to both after `graceMs`; resolves when script has exited. */
	stop(graceMs?: number): Promise<void>;
}

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

export function spawnInPty(command: string[], size: {cols: number; rows: number}, env: NodeJS.ProcessEnv = process.env): PtyProgram {
	const line = `stty cols ${size.cols} rows ${size.rows}; exec ${command.map(quote).join(' ')}`;
	const startedAt = performance.now();
	const child: ChildProcess = spawn('script', ['-qfec', line, '/dev/null'], {
		env: {...env, TERM: 'xterm-256color', SHELL: '/bin/sh', COLUMNS: undefined, LINES: undefined},
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const chunks: Chunk[] = [];
	const listeners: Array<(chunk: Chunk) => void> = [];
	child.stdout!.on('data', (data: Buffer) => {
		const chunk = {at: performance.now(), data};
		chunks.push(chunk);
		for (const listener of listeners) listener(chunk);
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let programPid: Promise<number> | undefined;

	return {
		chunks,
		startedAt,
		onData: (listener) => void listeners.push(listener),
		pid: () => (programPid ??= findChild(child.pid!, command[0]!)),
		type: (text) => void child.stdin!.write(text),
		async stop(graceMs = 3000) {
			const pid = await programPid?.catch(() => undefined);
			if (pid !== undefined) signal(pid, 'SIGTERM');
			else child.kill('SIGTERM');
			const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
			if (!done) {
				if (pid !== undefined) signal(pid, 'SIGKILL');
				child.kill('SIGKILL');
				await exited;
			}
		},
	};
}

function signal(pid: number, name: NodeJS.Signals) {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}

/** script forks one child, the shell, which `exec`s the program (same pid). */
async function findChild(parent: number, program: string): Promise<number> {
	const binary = fs.realpathSync(program);
	for (let attempt = 0; attempt < 200; attempt++) {
		for (const entry of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
				const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				// By executable, not name: a program may rename itself (meow sets process.title).
				if (ppid === parent && fs.readlinkSync(`/proc/${entry}/exe`) === binary) return Number(entry);
			} catch {
				// Exited while we looked.
			}
		}
		await sleep(10);
	}
	throw new Error(`no child of script (pid ${parent}) found`);
}
