export interface SmithyModel {
  operations: Map<string, { name: string; input: string; output: string; errors: string[] }>
  validate(id: string, value: unknown, path: string, problems: string[]): void
  check(operation: { input: string }, body: unknown): string[]
  defaults(id: string): Record<string, unknown>
}
export function loadModel(file: string): SmithyModel
export function validationMessage(problems: string[]): string
