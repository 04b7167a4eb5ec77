// Types for the tests of the bundle step (scripts/bundle.mjs is plain JavaScript).
export function latin1Source(text: string, name: string): string
export function bundle(out: string, flags?: string[]): string
