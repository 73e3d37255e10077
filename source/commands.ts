// The subcommand names, in a module with no imports, so that main.ts can route
// by them without loading what each subcommand needs.
export const ACTION_COMMANDS = ['promote', 'abort', 'retry', 'undo', 'restart', 'pause'] as const;

/** Hand-made blue-green (manual-command.ts). */
export const MANUAL_COMMANDS = ['switch', 'scale-down', 'scale-up', 'convert'] as const;
export type ManualCommand = (typeof MANUAL_COMMANDS)[number];
