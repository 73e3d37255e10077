// Strict flag parsing for the subcommands that have flag tables of their own
// (probe, switch, scale-down, scale-up, convert): every mistake is one line
// naming the command and its usage, exit code 2.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UserError} from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseSubcommandFlags<O extends Options>(argv: string[], options: O, command: string, usage: string) {
	try {
		return parseArgs({args: argv, options, allowPositionals: true, strict: true});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
		throw new UserError(unknown ? `unknown flag ${unknown} for ${command} (${usage})` : `${message.split('\n')[0]} (${usage})`, 2);
	}
}
